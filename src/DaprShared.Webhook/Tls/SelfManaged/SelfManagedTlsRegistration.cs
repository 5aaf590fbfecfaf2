using DaprShared.Controller.Api;
using DaprShared.Controller.Cluster;
using DaprShared.Core.Contract;
using DaprShared.Webhook.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaprShared.Webhook.Tls.SelfManaged;

public static class SelfManagedTlsRegistration
{
    /// <summary>The service account's namespace, mounted into every pod.</summary>
    public const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    /// <summary>Options (section <c>Tls:SelfManaged</c>), the self-managed certificate source as the keyed
    /// <see cref="IServingCertificateSource"/> for <see cref="TlsMode.SelfManaged"/>, and its readiness check. The source
    /// (and its API client) is only built when that mode is selected. The API client is a registered
    /// <see cref="KubernetesApiClient"/> (tests), else the process's <see cref="ClusterConnection"/>.</summary>
    public static IServiceCollection AddSelfManagedTls(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(SelfManagedCertificateSource)))
        {
            return services; // already added: a second health check of the same name would fail at start
        }

        services.AddOptions<SelfManagedTlsOptions>().BindConfiguration(SelfManagedTlsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SelfManagedTlsOptions>, SelfManagedTlsOptionsValidator>();
        services.AddSingleton(Create);
        services.AddKeyedSingleton<IServingCertificateSource>(TlsMode.SelfManaged, (provider, _) => provider.GetRequiredService<SelfManagedCertificateSource>());
        services.AddHealthChecks().AddCheck<SelfManagedTlsHealthCheck>(SelfManagedTlsHealthCheck.Name, tags: [HealthTags.Ready]);
        return services;
    }

    private static SelfManagedCertificateSource Create(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<SelfManagedTlsOptions>>().Value;
        var configuration = provider.GetRequiredService<IConfiguration>();
        var cluster = provider.GetRequiredService<IOptions<ClusterSettings>>().Value;
        var ns = ResolveNamespace(options.Namespace, configuration["POD_NAMESPACE"], ServiceAccountNamespaceFile);
        var kubernetes = provider.GetService<KubernetesApiClient>() ?? Client(provider, configuration);
        return new SelfManagedCertificateSource(
            new SelfManagedTlsClient(kubernetes, options, ns),
            options,
            CertificateIssuer.ServiceDnsNames(options.ServiceName, ns, cluster.ClusterDomain),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<SelfManagedCertificateSource>());
    }

    /// <summary>The configured namespace, else <c>POD_NAMESPACE</c>, else the service account's; a clear error
    /// when none is known (the Secret and the Service names depend on it).</summary>
    public static string ResolveNamespace(string? configured, string? podNamespace, string serviceAccountFile)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }

        if (!string.IsNullOrWhiteSpace(podNamespace))
        {
            return podNamespace.Trim();
        }

        if (File.Exists(serviceAccountFile) && File.ReadAllText(serviceAccountFile).Trim() is { Length: > 0 } mounted)
        {
            return mounted;
        }

        throw new ServingCertificateException(
            "Tls:Mode is SelfManaged but the webhook's namespace is unknown: set POD_NAMESPACE (downward API) or Tls:SelfManaged:Namespace");
    }

    // The process's one ClusterConnection (shared with the controller) when the host registered it; otherwise
    // resolved the same way, from section Kubernetes.
    private static KubernetesApiClient Client(IServiceProvider provider, IConfiguration configuration)
    {
        var connection = provider.GetService<ClusterConnection>();
        if (connection is null)
        {
            var options = configuration.GetSection(KubernetesConnectionOptions.SectionName).Get<KubernetesConnectionOptions>() ?? new KubernetesConnectionOptions();
            connection = new ClusterConnectionResolver().Resolve(options, provider.GetRequiredService<ILoggerFactory>().CreateLogger<ClusterConnection>());
        }

        return connection.IsAvailable
            ? connection.Client
            : throw new ServingCertificateException($"Tls:Mode is SelfManaged but there is no cluster to keep the certificate in ({connection.Description})");
    }
}
