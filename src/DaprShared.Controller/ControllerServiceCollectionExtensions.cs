using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Options;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.Kubernetes;
using DaprShared.Kubernetes.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace DaprShared.Controller;

/// <summary>Host wiring: one call per concern, for Program.cs.</summary>
public static class ControllerServiceCollectionExtensions
{
    /// <summary>The leader-elected controller as a hosted service, with its own settings: <c>Controller</c>
    /// (<see cref="ControllerSettings"/>), <c>Controller:Reconciler</c> and <c>Controller:LeaderElection</c>, each bound
    /// and validated at start; and the process's one Kubernetes connection and identity
    /// (<see cref="KubernetesServiceCollectionExtensions.AddKubernetesConnection"/>). It reads
    /// <see cref="ClusterSettings"/> (section <c>Injector</c>) as the host registered them: they are the webhook's
    /// settings, which the instances it creates must agree with.</summary>
    public static IServiceCollection AddDaprSharedController(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKubernetesConnection(DaprSharedKeys.UserAgent);

        services.AddOptions<ControllerSettings>().BindConfiguration(ControllerSettings.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ControllerSettings>, ControllerSettingsOptionsValidator>());
        services.AddOptions<ReconcilerOptions>().BindConfiguration(ReconcilerOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReconcilerOptions>, ControllerOptionsValidator>());
        services.AddOptions<LeaderElectionOptions>().BindConfiguration(LeaderElectionOptions.SectionName).ValidateOnStart();
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
            sp.GetRequiredService<ControllerCacheStatus>(),
            sp.GetRequiredService<ProcessIdentity>()));
        services.AddHostedService<ControllerHostedService>();
        return services;
    }
}
