using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace DaprShared.Webhook.Observability;

public static class MetricsRegistration
{
    public const string MetricsPath = "/metrics";

    /// <summary>The webhook's metrics on the process-wide Prometheus registry, so metrics that other components
    /// define on <c>Metrics.DefaultRegistry</c> (and the .NET runtime's) appear on the same <c>/metrics</c>.</summary>
    public static IServiceCollection AddWebhookMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton(Metrics.DefaultRegistry);
        services.AddSingleton<WebhookMetrics>();
        return services;
    }

    /// <summary>Prometheus text format at <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapWebhookMetrics(this IEndpointRouteBuilder endpoints)
    {
        var registry = endpoints.ServiceProvider.GetRequiredService<CollectorRegistry>();
        endpoints.MapMetrics(MetricsPath, registry);
        return endpoints;
    }
}
