using DaprShared.Core.Contract;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaprShared.Webhook.Hosting;

public static class ClusterSettingsRegistration
{
    /// <summary><see cref="ClusterSettings"/> from section <c>Injector</c>, validated at start. The webhook and the
    /// controller read the same <c>IOptions&lt;ClusterSettings&gt;</c>, so they cannot disagree.</summary>
    public static IServiceCollection AddClusterSettings(this IServiceCollection services)
    {
        services.AddOptions<ClusterSettings>().ValidateOnStart();
        services.AddSingleton<IOptionsFactory<ClusterSettings>, ClusterSettingsFactory>();
        services.AddSingleton<IValidateOptions<ClusterSettings>, ClusterSettingsValidator>();
        return services;
    }
}
