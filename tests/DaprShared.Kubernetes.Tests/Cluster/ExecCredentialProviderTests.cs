using System.Globalization;
using System.Text.Json;
using DaprShared.Kubernetes.Cluster;
using k8s.Exceptions;

namespace DaprShared.Kubernetes.Tests.Cluster;

/// <summary>Exec credential plugins run for real: small /bin/sh scripts in a temp directory, configured through a
/// kubeconfig, that record what they were given and count their runs in files.</summary>
public sealed class ExecCredentialProviderTests : IDisposable
{
    private const string RecordingPlugin = """
        #!/bin/sh
        echo run >> "$OUT_DIR/runs"
        printf '%s' "$KUBERNETES_EXEC_INFO" > "$OUT_DIR/exec-info.json"
        for argument in "$@"; do printf '%s\n' "$argument"; done > "$OUT_DIR/args"
        printf '%s' "$GREETING" > "$OUT_DIR/env"
        runs=$(wc -l < "$OUT_DIR/runs" | tr -d ' ')
        expiry=""
        if [ -s "$OUT_DIR/expires" ]; then expiry=",\"expirationTimestamp\":\"$(cat "$OUT_DIR/expires")\""; fi
        printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"token-%s"%s}}\n' "$runs" "$expiry"
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("dapr-shared-exec-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private int Runs => File.Exists(Path.Combine(directory, "runs")) ? File.ReadAllLines(Path.Combine(directory, "runs")).Length : 0;

    [Fact]
    public async Task GetAuthenticationHeader_PluginFromKubeconfig_SeesExecInfoArgumentsAndEnvironment()
    {
        var provider = Provider(Script("plugin.sh", RecordingPlugin), apiVersion: "client.authentication.k8s.io/v1beta1", args: ["get-token", "--server-id", "a b c"]);

        var header = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);

        header.Scheme.Should().Be("Bearer");
        header.Parameter.Should().Be("token-1");
        using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "exec-info.json")));
        info.RootElement.GetProperty("apiVersion").GetString().Should().Be("client.authentication.k8s.io/v1beta1");
        info.RootElement.GetProperty("kind").GetString().Should().Be("ExecCredential");
        info.RootElement.GetProperty("spec").GetProperty("interactive").GetBoolean().Should().BeFalse();
        File.ReadAllLines(Path.Combine(directory, "args")).Should().Equal("get-token", "--server-id", "a b c");
        File.ReadAllText(Path.Combine(directory, "env")).Should().Be("hello from the kubeconfig");
    }

    [Fact]
    public async Task GetAuthenticationHeader_TokenWithoutExpiry_PluginRunsOnce()
    {
        var provider = Provider(Script("plugin.sh", RecordingPlugin));

        var first = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);
        var second = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);

        first.Parameter.Should().Be("token-1");
        second.Parameter.Should().Be("token-1");
        Runs.Should().Be(1);
    }

    [Fact]
    public async Task GetAuthenticationHeader_ConcurrentCalls_PluginRunsOnce()
    {
        var provider = Provider(Script("plugin.sh", RecordingPlugin));

        var headers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => provider.GetAuthenticationHeaderAsync(CancellationToken.None)));

        headers.Select(h => h.Parameter).Should().AllBe("token-1");
        Runs.Should().Be(1);
    }

    [Fact]
    public async Task GetAuthenticationHeader_TokenCachedUntilItsExpiry_ThenThePluginRunsAgain()
    {
        // The provider renews 10 s before the expiry; this token has 1.5 s left before that point.
        var renewAt = DateTimeOffset.UtcNow.AddSeconds(1.5);
        File.WriteAllText(Path.Combine(directory, "expires"), renewAt.AddSeconds(10).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        var provider = Provider(Script("plugin.sh", RecordingPlugin));

        var first = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);
        var cached = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);
        var runsBeforeExpiry = Runs;
        await Task.Delay(renewAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100));
        var renewed = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);

        first.Parameter.Should().Be("token-1");
        cached.Parameter.Should().Be("token-1");
        runsBeforeExpiry.Should().Be(1);
        renewed.Parameter.Should().Be("token-2");
        Runs.Should().Be(2);
    }

    [Fact]
    public async Task GetAuthenticationHeader_TokenAlreadyExpired_PluginRunsEveryTime()
    {
        File.WriteAllText(Path.Combine(directory, "expires"), "2020-01-01T00:00:00Z");
        var provider = Provider(Script("plugin.sh", RecordingPlugin));

        await provider.GetAuthenticationHeaderAsync(CancellationToken.None);
        var second = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);

        second.Parameter.Should().Be("token-2");
        Runs.Should().Be(2);
    }

    [Fact]
    public async Task GetAuthenticationHeader_PluginFails_KubeConfigExceptionWithItsErrorOutput()
    {
        var provider = Provider(Script("plugin.sh", """
            #!/bin/sh
            echo "error: you must be logged in to the server (run 'cloud login')" >&2
            exit 3
            """));

        var act = () => provider.GetAuthenticationHeaderAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<KubeConfigException>()).Which.Message
            .Should().Contain("exit code 3").And.Contain("you must be logged in to the server (run 'cloud login')");
    }

    [Fact]
    public async Task GetAuthenticationHeader_PluginPrintsNoToken_ClearError()
    {
        var provider = Provider(Script("plugin.sh", """
            #!/bin/sh
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"x","clientKeyData":"y"}}'
            """));

        var act = () => provider.GetAuthenticationHeaderAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<KubeConfigException>()).Which.Message.Should().Contain("no token");
    }

    [Fact]
    public async Task GetAuthenticationHeader_CommandDoesNotExist_KubeConfigExceptionNamingIt()
    {
        var provider = Provider(Path.Combine(directory, "no-such-plugin"));

        var act = () => provider.GetAuthenticationHeaderAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<KubeConfigException>()).Which.Message.Should().Contain("no-such-plugin");
    }

    [Fact]
    public async Task GetAuthenticationHeader_CommandWithARelativePath_ResolvedAgainstTheKubeconfigsDirectory()
    {
        // kubectl (client-go) resolves a command that contains a path separator relative to the kubeconfig's directory.
        Script(Path.Combine("bin", "plugin.sh"), RecordingPlugin);
        var provider = Provider("./bin/plugin.sh");

        var header = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);

        header.Parameter.Should().Be("token-1");
    }

    [Fact]
    public void Parse_TokenAndExpiry_Read()
    {
        var (token, expires) = ExecCredentialProvider.Parse("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"abc","expirationTimestamp":"2030-01-02T03:04:05Z"}}""");

        token.Should().Be("abc");
        expires.Should().Be(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
    }

    [Fact]
    public void Parse_OffsetExpiry_ConvertedToTheSameInstant()
    {
        var (_, expires) = ExecCredentialProvider.Parse("""{"status":{"token":"abc","expirationTimestamp":"2030-01-02T05:04:05+02:00"}}""");

        expires!.Value.UtcDateTime.Should().Be(new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc));
    }

    [Fact]
    public void Parse_NoExpiry_NeverExpires()
    {
        var (token, expires) = ExecCredentialProvider.Parse("""{"status":{"token":"abc"}}""");

        token.Should().Be("abc");
        expires.Should().BeNull();
    }

    [Theory]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"}""", "*printed no status*")]
    [InlineData("""{"status":"ok"}""", "*printed no status*")]
    [InlineData("""{"status":{}}""", "*returned no token*")]
    [InlineData("""{"status":{"token":""}}""", "*returned no token*")]
    [InlineData("""{"status":{"clientCertificateData":"x","clientKeyData":"y"}}""", "*no token*client certificates*not supported*")]
    [InlineData("""{"status":{"token":42}}""", "*not an ExecCredential*")]
    [InlineData("""{"status":{"token":"abc","expirationTimestamp":"next tuesday"}}""", "*not an ExecCredential*")]
    [InlineData("""{"status":{"token":"abc","expirationTimestamp":1700000000}}""", "*not an ExecCredential*")]
    [InlineData("please log in at https://login.example", "*not an ExecCredential*")]
    [InlineData("", "*not an ExecCredential*")]
    [InlineData("[]", "*not an ExecCredential*")]
    public void Parse_BadOutput_ClearKubeConfigException(string output, string message)
    {
        var act = () => ExecCredentialProvider.Parse(output);

        act.Should().Throw<KubeConfigException>().WithMessage(message);
    }

    private string Script(string relativePath, string text)
    {
        var path = Path.Combine(directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    // Through a kubeconfig, as users configure plugins: the exec section's command, args and env reach the process.
    private ExecCredentialProvider Provider(string command, string apiVersion = "client.authentication.k8s.io/v1", string[]? args = null)
    {
        var argsYaml = string.Join("\n", (args ?? []).Select(a => $"          - \"{a}\""));
        var kubeconfig = Path.Combine(directory, "config");
        File.WriteAllText(kubeconfig, $"""
            current-context: c
            clusters:
            - name: c
              cluster:
                server: https://127.0.0.1:6443
            users:
            - name: u
              user:
                exec:
                  apiVersion: {apiVersion}
                  command: "{command}"
                  args:
            {argsYaml}
                  env:
                  - name: OUT_DIR
                    value: "{directory}"
                  - name: GREETING
                    value: hello from the kubeconfig
                  interactiveMode: Never
            contexts:
            - name: c
              context:
                cluster: c
                user: u
            """);
        return KubeconfigFile.Load(kubeconfig).TokenProvider.Should().BeOfType<ExecCredentialProvider>().Subject;
    }
}
