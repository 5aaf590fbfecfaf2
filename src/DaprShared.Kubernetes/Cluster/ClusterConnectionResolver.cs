using DaprShared.Kubernetes.Api;
using k8s;
using k8s.Exceptions;
using Microsoft.Extensions.Logging;

namespace DaprShared.Kubernetes.Cluster;

/// <summary>Finds the API server as kubectl users expect: a configured kubeconfig, else in-cluster, else
/// <c>$KUBECONFIG</c> or <c>~/.kube/config</c>, else no cluster. Never throws: a broken kubeconfig is logged
/// and means "no cluster" (<see cref="ClusterConnection.Description"/> says why), so the host still starts.</summary>
public sealed class ClusterConnectionResolver
{
    private readonly Func<bool> isInCluster;
    private readonly Func<KubernetesClientConfiguration> inClusterConfig;
    private readonly Func<string?> environmentKubeconfig;
    private readonly string homeKubeconfig;
    private readonly string userAgent;

    /// <param name="userAgent">The process's name in every request (<see cref="KubernetesApiClient(KubernetesClientConfiguration, string, DelegatingHandler[])"/>).</param>
    public ClusterConnectionResolver(string userAgent = KubernetesApiClient.DefaultUserAgent)
        : this(
            KubernetesClientConfiguration.IsInCluster,
            KubernetesClientConfiguration.InClusterConfig,
            () => Environment.GetEnvironmentVariable("KUBECONFIG"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config"),
            userAgent)
    {
    }

    /// <summary>For tests: every probe of the environment is injectable.</summary>
    public ClusterConnectionResolver(
        Func<bool> isInCluster,
        Func<KubernetesClientConfiguration> inClusterConfig,
        Func<string?> environmentKubeconfig,
        string homeKubeconfig,
        string userAgent = KubernetesApiClient.DefaultUserAgent)
    {
        this.isInCluster = isInCluster;
        this.inClusterConfig = inClusterConfig;
        this.environmentKubeconfig = environmentKubeconfig;
        this.homeKubeconfig = homeKubeconfig;
        this.userAgent = userAgent;
    }

    public ClusterConnection Resolve(KubernetesConnectionOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        // Only success is logged here: what having no cluster means is for the host to say.
        var connection = ResolveQuietly(options, logger);
        if (connection.IsAvailable)
        {
            KubernetesLog.ClusterConnected(logger, connection.Description, connection.Configuration.Host ?? "");
        }

        return connection;
    }

    private ClusterConnection ResolveQuietly(KubernetesConnectionOptions options, ILogger logger)
    {
        var context = string.IsNullOrWhiteSpace(options.Context) ? null : options.Context;
        if (!string.IsNullOrWhiteSpace(options.Kubeconfig))
        {
            return FromFile(options.Kubeconfig, context, logger)
                ?? ClusterConnection.None($"the configured kubeconfig {options.Kubeconfig} could not be loaded");
        }

        if (isInCluster())
        {
            try
            {
                return ClusterConnection.From(inClusterConfig(), ClusterConnectionSource.InCluster, "in-cluster ServiceAccount", userAgent);
            }
            catch (KubeConfigException e)
            {
                KubernetesLog.KubeconfigFailed(logger, "(in-cluster)", e.Message);
            }
        }

        var candidates = (environmentKubeconfig() ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Append(homeKubeconfig);
        foreach (var path in candidates)
        {
            if (File.Exists(path))
            {
                return FromFile(path, context, logger) ?? ClusterConnection.None($"the kubeconfig {path} could not be loaded");
            }
        }

        return ClusterConnection.None("not in a cluster and no kubeconfig found");
    }

    private ClusterConnection? FromFile(string path, string? context, ILogger logger)
    {
        try
        {
            // Read without the library's reflection-based YAML loader, so the Native AOT build can use kubeconfigs too.
            var configuration = KubeconfigFile.Load(path, context);
            return ClusterConnection.From(configuration, ClusterConnectionSource.Kubeconfig, $"kubeconfig {path}", userAgent);
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or ArgumentException or FormatException
            or YamlDotNet.Core.YamlException or System.Security.Cryptography.CryptographicException)
        {
            KubernetesLog.KubeconfigFailed(logger, path, e.Message);
            return null;
        }
    }
}
