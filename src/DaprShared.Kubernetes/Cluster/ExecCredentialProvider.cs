using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using k8s.Authentication;
using k8s.Exceptions;

namespace DaprShared.Kubernetes.Cluster;

/// <summary>Runs a kubeconfig exec credential plugin and hands out its bearer token until the token's
/// expirationTimestamp (then runs it again). Only token credentials are supported; a plugin that returns a client
/// certificate gets a clear error.</summary>
internal sealed class ExecCredentialProvider(ExecCredentialCommand command) : ITokenProvider
{
    private static readonly TimeSpan PluginTimeout = TimeSpan.FromSeconds(60);

    // Renew a little before the expiry, so a request never carries a token that expires on the way.
    private static readonly TimeSpan ExpirySlack = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim gate = new(1, 1);
    private (string Token, DateTimeOffset? Expires)? current;

    public async Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (current is not { } credential || (credential.Expires is { } expires && expires - ExpirySlack <= DateTimeOffset.UtcNow))
            {
                current = credential = Parse(await RunAsync(cancellationToken).ConfigureAwait(false));
            }

            return new AuthenticationHeaderValue("Bearer", credential.Token);
        }
        finally
        {
            gate.Release();
        }
    }

    internal static (string Token, DateTimeOffset? Expires) Parse(string output)
    {
        try
        {
            using var document = JsonDocument.Parse(output);
            if (!document.RootElement.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object)
            {
                throw new KubeConfigException("the exec credential plugin printed no status");
            }

            var token = status.TryGetProperty("token", out var t) ? t.GetString() : null;
            if (string.IsNullOrEmpty(token))
            {
                throw new KubeConfigException("the exec credential plugin returned no token (client certificates from exec plugins are not supported)");
            }

            DateTimeOffset? expires = status.TryGetProperty("expirationTimestamp", out var e) && e.GetString() is { } text
                ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                : null;
            return (token, expires);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new KubeConfigException($"the exec credential plugin's output is not an ExecCredential: {e.Message}");
        }
    }

    private async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command.Command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            start.Environment[name] = value;
        }

        // The plugin learns it may not prompt (there is no terminal) and which ExecCredential version to print.
        start.Environment["KUBERNETES_EXEC_INFO"] =
            "{\"apiVersion\":\"" + JsonEncodedText.Encode(command.ApiVersion) + "\",\"kind\":\"ExecCredential\",\"spec\":{\"interactive\":false}}";

        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            // Not installed, or not executable: say which plugin, as kubectl does.
            throw new KubeConfigException($"the exec credential plugin {command.Command} could not be started: {e.Message}");
        }

        using var process = started ?? throw new KubeConfigException($"the exec credential plugin {command.Command} did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PluginTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new KubeConfigException($"the exec credential plugin {command.Command} did not finish within {PluginTimeout.TotalSeconds} s");
        }

        if (process.ExitCode != 0)
        {
            var message = (await errors.ConfigureAwait(false)).Trim();
            throw new KubeConfigException($"the exec credential plugin {command.Command} failed (exit code {process.ExitCode}): {(message.Length > 300 ? message[..300] : message)}");
        }

        return await output.ConfigureAwait(false);
    }
}
