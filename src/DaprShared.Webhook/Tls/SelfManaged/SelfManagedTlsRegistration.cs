using DaprShared.Core.Contract;
using DaprShared.Kubernetes;
using DaprShared.Kubernetes.Api;
using DaprShared.Kubernetes.Cluster;
using DaprShared.Webhook.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaprShared.Webhook.Tls.SelfManaged;

public static class SelfManagedTlsRegistration
{
    /// <summary>Options (section <c>Tls:SelfManaged</c>), the self-managed certificate source as the keyed
    /// <see cref="IServingCertificateSource"/> for <see cref="TlsMode.SelfManaged"/>, and its readiness check. The source
    /// (and its API client) is only built when that mode is selected. The API client is a registered
    /// <see cref="KubernetesApiClient"/> (tests), else the process's <see cref="ClusterConnection"/>
    /// (<see cref="KubernetesServiceCollectionExtensions.AddKubernetesConnection"/>, shared with the controller).</summary>
    public static IServiceCollection AddSelfManagedTls(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(SelfManagedCertificateSource)))
        {
            return services; // already added: a second health check of the same name would fail at start
        }

        services.AddOptions<SelfManagedTlsOptions>().BindConfiguration(SelfManagedTlsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SelfManagedTlsOptions>, SelfManagedTlsOptionsValidator>());
        services.AddKubernetesConnection(DaprSharedKeys.UserAgent);
        services.AddSingleton(Create);
        services.AddKeyedSingleton<IServingCertificateSource>(TlsMode.SelfManaged, (provider, _) => provider.GetRequiredService<SelfManagedCertificateSource>());
        services.AddHealthChecks().AddCheck<SelfManagedTlsHealthCheck>(SelfManagedTlsHealthCheck.Name, tags: [HealthTags.Ready]);
        return services;
    }

    private static SelfManagedCertificateSource Create(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<SelfManagedTlsOptions>>().Value;
        var cluster = provider.GetRequiredService<IOptions<ClusterSettings>>().Value;
        var ns = ResolveNamespace(options.Namespace, provider.GetRequiredService<ProcessIdentity>());
        var kubernetes = provider.GetService<KubernetesApiClient>() ?? Client(provider.GetRequiredService<ClusterConnection>());
        return new SelfManagedCertificateSource(
            new SelfManagedTlsClient(kubernetes, options, ns),
            options,
            CertificateIssuer.ServiceDnsNames(options.ServiceName, ns, cluster.ClusterDomain),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<SelfManagedCertificateSource>());
    }

    /// <summary>The configured namespace, else the process's own (<see cref="ProcessIdentity.Namespace"/>:
    /// <c>POD_NAMESPACE</c>, else the service account's); a clear error when none is known (the Secret and the Service
    /// names depend on it).</summary>
    public static string ResolveNamespace(string? configured, ProcessIdentity process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }

        return process.Namespace ?? throw new ServingCertificateException(
            "Tls:Mode is SelfManaged but the webhook's namespace is unknown: set POD_NAMESPACE (downward API) or Tls:SelfManaged:Namespace");
    }

    private static KubernetesApiClient Client(ClusterConnection connection) =>
        connection.IsAvailable
            ? connection.Client
            : throw new ServingCertificateException($"Tls:Mode is SelfManaged but there is no cluster to keep the certificate in ({connection.Description})");
}
