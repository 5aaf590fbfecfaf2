using DaprShared.Controller.Cluster;
using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Options;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace DaprShared.Controller;

/// <summary>Host wiring: one call per concern, for Program.cs.</summary>
public static class ControllerServiceCollectionExtensions
{
    /// <summary>The shared <see cref="ClusterConnection"/> (section <c>Kubernetes</c>: <c>Kubeconfig</c>,
    /// <c>Context</c>), resolved once on first use. Safe to call more than once; the webhook's self-managed TLS
    /// uses the same connection.</summary>
    public static IServiceCollection AddDaprSharedClusterConnection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KubernetesConnectionOptions>().Bind(configuration.GetSection(KubernetesConnectionOptions.SectionName));
        services.TryAddSingleton<ClusterConnectionResolver>();
        services.TryAddSingleton(sp => sp.GetRequiredService<ClusterConnectionResolver>().Resolve(
            sp.GetRequiredService<IOptions<KubernetesConnectionOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("DaprShared.Controller.Cluster")));
        return services;
    }

    /// <summary><see cref="ClusterSettings"/> from section <c>Injector</c>, validated at start: the settings the
    /// webhook and the controller must agree on, so both hosts get them from here (one <c>IOptions</c>, one parser).
    /// Safe to call more than once.</summary>
    public static IServiceCollection AddDaprSharedClusterSettings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ClusterSettings>().ValidateOnStart();
        services.TryAddSingleton<IOptionsFactory<ClusterSettings>>(sp =>
            new ClusterSettingsFactory(configuration, sp.GetServices<IValidateOptions<ClusterSettings>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterSettings>, ClusterSettingsValidator>());
        return services;
    }

    /// <summary>The leader-elected controller as a hosted service. Binds <c>Controller</c>
    /// (<see cref="ControllerSettings"/>), <c>Controller:Reconciler</c>, <c>Controller:LeaderElection</c>, and reuses
    /// <c>Injector</c> (<see cref="ClusterSettings"/>, <see cref="AddDaprSharedClusterSettings"/>), all validated at
    /// start.</summary>
    public static IServiceCollection AddDaprSharedController(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddDaprSharedClusterConnection(configuration);
        services.AddDaprSharedClusterSettings(configuration);

        services.AddOptions<ControllerSettings>().Bind(configuration.GetSection(ControllerSettings.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ControllerSettings>, ControllerSettingsOptionsValidator>());
        services.AddOptions<ReconcilerOptions>().Bind(configuration.GetSection(ReconcilerOptions.SectionName)).ValidateOnStart();
        services.AddOptions<LeaderElectionOptions>().Bind(configuration.GetSection(LeaderElectionOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReconcilerOptions>, ControllerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LeaderElectionOptions>, ControllerOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new ControllerMetrics(Metrics.DefaultFactory));
        services.TryAddSingleton<ControllerCacheStatus>();
        services.TryAddSingleton(sp => new SharedInstanceController(
            sp.GetRequiredService<ClusterConnection>(),
            sp.GetRequiredService<IOptions<ClusterSettings>>().Value,
            sp.GetRequiredService<IOptions<ControllerSettings>>().Value,
            sp.GetRequiredService<IOptions<ReconcilerOptions>>().Value,
            sp.GetRequiredService<IOptions<LeaderElectionOptions>>().Value,
            sp.GetRequiredService<ControllerMetrics>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ControllerCacheStatus>()));
        services.AddHostedService<ControllerHostedService>();
        return services;
    }
}
