using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DaprShared.Webhook.Health;

public static class HealthEndpoints
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    /// <summary>Health checks; the serving certificate is a readiness check. Others add theirs with
    /// <see cref="HealthTags"/>.</summary>
    public static IServiceCollection AddWebhookHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ServingCertificateHealthCheck>(ServingCertificateHealthCheck.Name, tags: [HealthTags.Ready]);
        return services;
    }

    /// <summary><c>/healthz</c>: the process answers (plus any check tagged <see cref="HealthTags.Live"/>).
    /// <c>/readyz</c>: every check tagged <see cref="HealthTags.Ready"/> passes. 200 when healthy, 503 otherwise.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivenessPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Live),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        endpoints.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        return endpoints;
    }
}
