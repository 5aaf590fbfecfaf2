using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DaprShared.Webhook.Tls;

public static class ServingCertificateRegistration
{
    /// <summary>TLS options (section <c>Tls</c>), the mode selection, the files and self-signed sources, and the
    /// hosted service that starts the selected source before the server listens. The self-managed source is
    /// registered separately, as a keyed <see cref="IServingCertificateSource"/> under
    /// <see cref="TlsMode.SelfManaged"/>.</summary>
    public static IServiceCollection AddServingCertificates(this IServiceCollection services)
    {
        services.AddOptions<TlsOptions>().BindConfiguration(TlsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TlsOptions>, TlsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(provider =>
        {
            var tls = provider.GetRequiredService<IOptions<TlsOptions>>().Value;
            return TlsModeResolver.Resolve(tls.Mode, tls.HasFiles, KubernetesClientConfiguration.IsInCluster());
        });

        services.AddKeyedSingleton<IServingCertificateSource, FileCertificateSource>(TlsMode.Files);
        services.AddKeyedSingleton<IServingCertificateSource, SelfSignedCertificateSource>(TlsMode.SelfSigned);
        services.AddSingleton<IServingCertificateSource>(SelectSource);
        services.AddHostedService<ServingCertificateLifetime>();
        return services;
    }

    private static IServingCertificateSource SelectSource(IServiceProvider provider)
    {
        var selection = provider.GetRequiredService<TlsModeSelection>();
        return provider.GetKeyedService<IServingCertificateSource>(selection.Mode)
            ?? throw new ServingCertificateException(
                $"TLS mode {selection.Mode} ({selection.Reason}) is not available in this build: no certificate source is registered for it. "
                + "Pass --tls-cert-file and --tls-key-file, or set Tls:Mode.");
    }
}
