using Microsoft.Extensions.Logging;

namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>Self-managed TLS log events (ids 250–269). Certificates are named by subject and SHA-256, never by
/// content; keys never appear.</summary>
internal static partial class SelfManagedTlsLog
{
    [LoggerMessage(250, LogLevel.Information, "Self-managed TLS: Secret {Namespace}/{Secret}, webhook configuration {Configuration}, names {DnsNames}")]
    public static partial void Configured(ILogger logger, string @namespace, string secret, string configuration, string dnsNames);

    [LoggerMessage(251, LogLevel.Information, "Self-managed TLS: {Action} ({Reason})")]
    public static partial void Step(ILogger logger, string action, string reason);

    [LoggerMessage(252, LogLevel.Information, "Self-managed TLS: another replica wrote {What} first; reading it again")]
    public static partial void LostRace(ILogger logger, string what);

    [LoggerMessage(253, LogLevel.Information, "Self-managed TLS: waiting until {RetryAt:o}: {Reason}")]
    public static partial void Waiting(ILogger logger, DateTimeOffset retryAt, string reason);

    [LoggerMessage(254, LogLevel.Warning, "Self-managed TLS: the MutatingWebhookConfiguration {Configuration} does not exist; its caBundle cannot be set and this replica is not ready. Apply deploy/ (or the Helm chart) completely.")]
    public static partial void ConfigurationMissing(ILogger logger, string configuration);

    [LoggerMessage(255, LogLevel.Warning, "Self-managed TLS: reconcile failed; retrying in {Delay}")]
    public static partial void ReconcileFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(256, LogLevel.Warning, "Self-managed TLS: still not settled after {Steps} steps; continuing at the next poll")]
    public static partial void StepLimit(ILogger logger, int steps);

    [LoggerMessage(258, LogLevel.Warning, "Self-managed TLS: not serving the Secret's certificate {Sha256} yet: the webhook configuration's caBundle does not trust it; still serving the previous one")]
    public static partial void NotYetTrusted(ILogger logger, string sha256);

    [LoggerMessage(257, LogLevel.Error, "Self-managed TLS: the serving certificate in the Secret cannot be served: {Reason}")]
    public static partial void ServeFailed(ILogger logger, string reason);
}
