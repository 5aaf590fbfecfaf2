using Microsoft.Extensions.Options;

namespace DaprShared.Webhook.Tls;

/// <summary>Fails start-up on a TLS configuration that cannot mean what the operator intended.</summary>
public sealed class TlsOptionsValidator : IValidateOptions<TlsOptions>
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaximumInterval = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"Tls:Mode must be one of {string.Join(", ", Enum.GetNames<TlsMode>())}");
        }

        var hasCert = !string.IsNullOrWhiteSpace(options.CertFile);
        var hasKey = !string.IsNullOrWhiteSpace(options.KeyFile);
        if (hasCert != hasKey)
        {
            failures.Add("--tls-cert-file (Tls:CertFile) and --tls-key-file (Tls:KeyFile) must be given together");
        }

        if (options.Mode == TlsMode.Files && !(hasCert && hasKey))
        {
            failures.Add("Tls:Mode is Files, but --tls-cert-file and --tls-key-file are not both set");
        }

        if (options.Mode is TlsMode.SelfSigned or TlsMode.SelfManaged && (hasCert || hasKey))
        {
            failures.Add($"Tls:Mode is {options.Mode}, which ignores --tls-cert-file/--tls-key-file: remove one or the other");
        }

        if (options.ReloadInterval < MinimumInterval || options.ReloadInterval > MaximumInterval)
        {
            failures.Add($"Tls:ReloadInterval must be between {MinimumInterval} and {MaximumInterval}, got {options.ReloadInterval}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
