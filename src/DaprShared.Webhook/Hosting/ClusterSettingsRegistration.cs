using DaprShared.Core.Contract;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DaprShared.Webhook.Hosting;

public static class ClusterSettingsRegistration
{
    /// <summary><see cref="ClusterSettings"/> (section <c>Injector</c>): the webhook's settings, which the controller
    /// in the same process reads too, so the instances it creates agree with what the webhook injected. Bound and
    /// validated at start like every section, after <see cref="ClusterSettingsText"/> has checked the text.</summary>
    public static IServiceCollection AddClusterSettings(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ClusterSettings>()
            .Configure<IConfiguration>((_, configuration) => ClusterSettingsText.ThrowIfUnreadable(configuration))
            .BindConfiguration(ClusterSettings.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterSettings>, ClusterSettingsValidator>());
        return services;
    }
}
