using DaprShared.Webhook.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace DaprShared.Webhook.Tls;

/// <summary>Starts the selected <see cref="IServingCertificateSource"/> before the server listens, and reports every
/// certificate it serves: a log line, the expiry metric, and an error for an expired one.</summary>
/// <remarks>Registered before the server's own hosted service, so the first certificate is loaded before the
/// first handshake can ask for it.</remarks>
internal sealed class ServingCertificateLifetime(
    IServingCertificateSource source,
    TlsModeSelection selection,
    WebhookMetrics metrics,
    TimeProvider time,
    ILogger<ServingCertificateLifetime> logger) : IHostedService, IDisposable
{
    private readonly Lock gate = new();
    private IDisposable? subscription;
    private ServingCertificate? reported;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        TlsLog.ModeSelected(logger, selection.Mode, selection.Reason);
        await source.StartAsync(cancellationToken);
        subscription = ChangeToken.OnChange(source.GetChangeToken, Report);
        Report();
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return source.StopAsync(cancellationToken);
    }

    public void Dispose() => subscription?.Dispose();

    private void Report()
    {
        lock (gate)
        {
            var certificate = source.Current;
            if (certificate is null || ReferenceEquals(certificate, reported))
            {
                return;
            }

            reported = certificate;
            metrics.CertificateServed(certificate.NotAfter);
            TlsLog.CertificateServed(logger, source.Name, certificate.Subject, certificate.Sha256, certificate.NotBefore, certificate.NotAfter);

            var now = time.GetUtcNow();
            if (certificate.NotAfter <= now)
            {
                TlsLog.CertificateExpired(logger, source.Name, certificate.Sha256, certificate.NotAfter);
            }
            else if (certificate.NotBefore > now)
            {
                TlsLog.CertificateNotYetValid(logger, source.Name, certificate.Sha256, certificate.NotBefore);
            }
        }
    }
}
