using Microsoft.Extensions.Options;

namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>Fails start-up on settings that would let a certificate expire unrenewed or drop a CA too early.</summary>
public sealed class SelfManagedTlsOptionsValidator : IValidateOptions<SelfManagedTlsOptions>
{
    private const string Prefix = "Tls:SelfManaged:";

    public ValidateOptionsResult Validate(string? name, SelfManagedTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        CheckName(options.ServiceName, "ServiceName", subdomain: false, failures);
        CheckName(options.SecretName, "SecretName", subdomain: true, failures);
        CheckName(options.WebhookConfigurationName, "WebhookConfigurationName", subdomain: true, failures);
        if (options.Namespace.Length > 0)
        {
            CheckName(options.Namespace, "Namespace", subdomain: false, failures);
        }

        if (options.ServingValidity < TimeSpan.FromHours(1))
        {
            failures.Add(Prefix + $"ServingValidity must be at least 1 hour, got {options.ServingValidity}");
        }

        // The CA is replaced with a third of its life left; a serving certificate issued just before that must
        // still fit, so the last third must hold a whole serving certificate lifetime.
        if (options.CaValidity / 3 < options.ServingValidity)
        {
            failures.Add(Prefix + $"CaValidity ({options.CaValidity}) must be at least three times ServingValidity ({options.ServingValidity})");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(100) || options.PollInterval > TimeSpan.FromHours(1))
        {
            failures.Add(Prefix + $"PollInterval must be between 100ms and 1 hour, got {options.PollInterval}");
        }

        if (options.PropagationDelay < TimeSpan.Zero || options.PropagationDelay > options.TrustOverlap / 2)
        {
            failures.Add(Prefix + $"PropagationDelay must be between 0 and half of TrustOverlap ({options.TrustOverlap}), got {options.PropagationDelay}");
        }

        if (options.TrustOverlap < options.PollInterval * 4)
        {
            failures.Add(Prefix + $"TrustOverlap ({options.TrustOverlap}) must be at least four poll intervals ({options.PollInterval * 4}): every replica must have moved to the new certificate before the old CA is dropped");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add(Prefix + $"RequestTimeout must be between 0 and 5 minutes, got {options.RequestTimeout}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckName(string value, string key, bool subdomain, List<string> failures)
    {
        var valid = subdomain
            ? value.Length is > 0 and <= 253 && value.Split('.').All(IsLabel)
            : IsLabel(value);
        if (!valid)
        {
            failures.Add(Prefix + $"{key} must be a DNS-1123 {(subdomain ? "subdomain" : "label")} (got '{value}')");
        }
    }

    private static bool IsLabel(string value) =>
        value.Length is > 0 and <= 63
        && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && value[0] != '-' && value[^1] != '-';
}
