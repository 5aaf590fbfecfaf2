using DaprShared.Controller.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace DaprShared.Webhook.Health;

public static class HealthEndpoints
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    private const string HealthCheckServiceCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    /// <summary>Health checks; the serving certificate is a readiness check, the controller's caches a readiness
    /// detail that is at most Degraded (<see cref="ControllerCachesHealthCheck"/>). Others add theirs with
    /// <see cref="HealthTags"/>.</summary>
    public static IServiceCollection AddWebhookHealthChecks(this IServiceCollection services)
    {
        services.TryAddSingleton<ControllerCacheStatus>();

        // ASP.NET logs a Degraded check at Warning on every probe, every few seconds; the controller has already said
        // it once at Warning with the server's reason. Unhealthy checks (logged at Error) still get through.
        services.Configure<LoggerFilterOptions>(options => options.AddFilter(HealthCheckServiceCategory, LogLevel.Error));
        services.AddHealthChecks()
            .AddCheck<ServingCertificateHealthCheck>(ServingCertificateHealthCheck.Name, tags: [HealthTags.Ready])
            .AddCheck<ControllerCachesHealthCheck>(ControllerCachesHealthCheck.Name, tags: [HealthTags.Ready]);
        return services;
    }

    /// <summary><c>/healthz</c>: the process answers (plus any check tagged <see cref="HealthTags.Live"/>).
    /// <c>/readyz</c>: every check tagged <see cref="HealthTags.Ready"/> passes. 200 when healthy or degraded, 503
    /// when unhealthy.</summary>
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

            // ASP.NET's default, spelt out because it is a promise: Degraded (a blind controller) must keep the
            // replica in the Service; only what breaks admission itself may take it out.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return endpoints;
    }
}
