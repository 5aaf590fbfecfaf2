using DaprShared.Kubernetes.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaprShared.Kubernetes;

/// <summary>Host wiring of the kit.</summary>
public static class KubernetesServiceCollectionExtensions
{
    /// <summary>The process's one <see cref="ClusterConnection"/> (section <c>Kubernetes</c>:
    /// <see cref="KubernetesConnectionOptions"/>), resolved on first use, and its <see cref="ProcessIdentity"/>, found
    /// once. Safe to call more than once: everyone in the process gets the same connection and identity, and the first
    /// call's <paramref name="userAgent"/>.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="userAgent">The process's name in every request (audit logs, managedFields of writes without a
    /// field manager).</param>
    public static IServiceCollection AddKubernetesConnection(this IServiceCollection services, string userAgent)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(userAgent);
        if (services.Any(d => d.ServiceType == typeof(ClusterConnectionResolver)))
        {
            return services;
        }

        services.AddOptions<KubernetesConnectionOptions>().BindConfiguration(KubernetesConnectionOptions.SectionName).ValidateOnStart();
        services.TryAddSingleton(_ => ProcessIdentity.FromEnvironment());
        services.TryAddSingleton(_ => new ClusterConnectionResolver(userAgent));
        services.TryAddSingleton(provider => provider.GetRequiredService<ClusterConnectionResolver>().Resolve(
            provider.GetRequiredService<IOptions<KubernetesConnectionOptions>>().Value,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClusterConnection).Namespace!)));
        return services;
    }
}
