using Microsoft.Extensions.Logging;

namespace DaprShared.Webhook.Tls;

/// <summary>TLS log events (ids 200–299). Never log key material; certificates by subject and SHA-256 only.</summary>
internal static partial class TlsLog
{
    [LoggerMessage(200, LogLevel.Information, "TLS: {Mode} mode ({Reason})")]
    public static partial void ModeSelected(ILogger logger, TlsMode mode, string reason);

    [LoggerMessage(201, LogLevel.Information, "Serving certificate from {Source}: {Subject}, SHA-256 {Sha256}, valid from {NotBefore:o} until {NotAfter:o}")]
    public static partial void CertificateServed(ILogger logger, string source, string subject, string sha256, DateTimeOffset notBefore, DateTimeOffset notAfter);

    [LoggerMessage(202, LogLevel.Error, "The serving certificate {Sha256} from {Source} expired at {NotAfter:o}; still serving it, since no certificate at all is worse. Renew it.")]
    public static partial void CertificateExpired(ILogger logger, string source, string sha256, DateTimeOffset notAfter);

    [LoggerMessage(203, LogLevel.Warning, "The serving certificate {Sha256} from {Source} is not valid before {NotBefore:o}; clients will reject it until then (clock skew?)")]
    public static partial void CertificateNotYetValid(ILogger logger, string source, string sha256, DateTimeOffset notBefore);

    [LoggerMessage(204, LogLevel.Warning, "Could not reload the serving certificate: {Reason}. Still serving the previous certificate.")]
    public static partial void ReloadRejected(ILogger logger, string reason);

    [LoggerMessage(205, LogLevel.Warning, "No TLS certificate configured and not running in a cluster: serving a generated self-signed certificate for localhost, 127.0.0.1 and ::1 (SHA-256 {Sha256}). No API server trusts it: pass --tls-cert-file and --tls-key-file for real use.")]
    public static partial void SelfSignedGenerated(ILogger logger, string sha256);

    [LoggerMessage(206, LogLevel.Error, "Polling the certificate files failed unexpectedly; polling continues")]
    public static partial void PollFailed(ILogger logger, Exception exception);
}
