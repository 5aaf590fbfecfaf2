using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>Readiness in self-managed mode: the certificate this replica serves chains to the caBundle of every
/// webhook in the configuration (as last read). Until then the API server would reject the TLS handshake, so the
/// replica must stay out of the Service. In other modes it has nothing to say and is healthy.</summary>
public sealed class SelfManagedTlsHealthCheck(IServiceProvider services, TlsModeSelection selection) : IHealthCheck
{
    public const string Name = "self-managed-tls-trusted";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (selection.Mode != TlsMode.SelfManaged)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"not in self-managed mode ({selection.Mode})"));
        }

        var source = services.GetRequiredService<SelfManagedCertificateSource>();
        return Task.FromResult(Check(source));
    }

    public static HealthCheckResult Check(SelfManagedCertificateSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Current is not { } served)
        {
            return HealthCheckResult.Unhealthy("no serving certificate yet");
        }

        if (source.TrustedBundles is not { Count: > 0 } bundles)
        {
            return HealthCheckResult.Unhealthy("the webhook configuration's caBundle has not been read (missing configuration, or the API server unreachable)");
        }

        var untrusting = bundles.Count(bundle => !CertificateChecks.ChainsToAny(served.Certificate, bundle));
        return untrusting == 0
            ? HealthCheckResult.Healthy($"serving {served.Sha256}, trusted by every webhook's caBundle")
            : HealthCheckResult.Unhealthy($"serving {served.Sha256}, which {untrusting} of {bundles.Count} webhooks' caBundle does not trust yet");
    }
}
