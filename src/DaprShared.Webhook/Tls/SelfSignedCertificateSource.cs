using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace DaprShared.Webhook.Tls;

/// <summary>Serves a certificate generated at start-up (<see cref="SelfSignedCertificateFactory"/>), so the
/// webhook runs on a machine with no cluster and no certificate files.</summary>
public sealed class SelfSignedCertificateSource(TimeProvider time, ILogger<SelfSignedCertificateSource> logger) : IServingCertificateSource
{
    private readonly ServingCertificateSlot slot = new();

    public string Name => "self-signed";

    public ServingCertificate? Current => slot.Current;

    public IChangeToken GetChangeToken() => slot.GetChangeToken();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var generated = SelfSignedCertificateFactory.CreateForLocalhost(time.GetUtcNow());
        var certificate = ServingCertificate.Create(generated);
        slot.Publish(certificate);
        TlsLog.SelfSignedGenerated(logger, certificate.Sha256);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
