using DaprShared.Controller.Diagnostics;
using k8s;
using k8s.Exceptions;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Cluster;

/// <summary>Finds the API server as DESIGN §6 says: a configured kubeconfig, else in-cluster, else
/// <c>$KUBECONFIG</c> or <c>~/.kube/config</c>, else no cluster. Never throws: a broken kubeconfig is logged
/// and means "no cluster", so the webhook still starts.</summary>
public sealed class ClusterConnectionResolver
{
    private readonly Func<bool> isInCluster;
    private readonly Func<KubernetesClientConfiguration> inClusterConfig;
    private readonly Func<string?> environmentKubeconfig;
    private readonly string homeKubeconfig;

    public ClusterConnectionResolver()
        : this(
            KubernetesClientConfiguration.IsInCluster,
            KubernetesClientConfiguration.InClusterConfig,
            () => Environment.GetEnvironmentVariable("KUBECONFIG"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config"))
    {
    }

    /// <summary>For tests: every probe of the environment is injectable.</summary>
    public ClusterConnectionResolver(Func<bool> isInCluster, Func<KubernetesClientConfiguration> inClusterConfig, Func<string?> environmentKubeconfig, string homeKubeconfig)
    {
        this.isInCluster = isInCluster;
        this.inClusterConfig = inClusterConfig;
        this.environmentKubeconfig = environmentKubeconfig;
        this.homeKubeconfig = homeKubeconfig;
    }

    public ClusterConnection Resolve(KubernetesConnectionOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var connection = ResolveQuietly(options, logger);
        if (connection.IsAvailable)
        {
            ControllerLog.ClusterConnected(logger, connection.Description, connection.Configuration.Host ?? "");
        }
        else
        {
            ControllerLog.NoCluster(logger, connection.Description);
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
                return ClusterConnection.From(inClusterConfig(), ClusterConnectionSource.InCluster, "in-cluster ServiceAccount");
            }
            catch (KubeConfigException e)
            {
                ControllerLog.KubeconfigFailed(logger, "(in-cluster)", e.Message);
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

    private static ClusterConnection? FromFile(string path, string? context, ILogger logger)
    {
        try
        {
            // Read without the library's reflection-based YAML loader, so the Native AOT build can use kubeconfigs too.
            var configuration = KubeconfigFile.Load(path, context);
            return ClusterConnection.From(configuration, ClusterConnectionSource.Kubeconfig, $"kubeconfig {path}");
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or ArgumentException or FormatException
            or YamlDotNet.Core.YamlException or System.Security.Cryptography.CryptographicException)
        {
            ControllerLog.KubeconfigFailed(logger, path, e.Message);
            return null;
        }
    }
}
