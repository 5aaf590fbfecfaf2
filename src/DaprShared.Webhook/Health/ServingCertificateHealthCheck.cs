using DaprShared.Webhook.Tls;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DaprShared.Webhook.Health;

/// <summary>Ready once a serving certificate is loaded: before that, every TLS handshake fails. An expired
/// certificate still counts as ready (it is served and logged as an error): taking every replica out of the
/// Service would be worse.</summary>
public sealed class ServingCertificateHealthCheck(IServingCertificateSource source) : IHealthCheck
{
    public const string Name = "serving-certificate";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var certificate = source.Current;
        return Task.FromResult(certificate is null
            ? HealthCheckResult.Unhealthy($"no serving certificate loaded yet ({source.Name})")
            : HealthCheckResult.Healthy($"serving {certificate.Sha256} ({source.Name}), valid until {certificate.NotAfter:o}"));
    }
}
