using System.Diagnostics.CodeAnalysis;
using DaprShared.Kubernetes.Api;
using k8s;

namespace DaprShared.Kubernetes.Cluster;

/// <summary>The one connection to the Kubernetes API the process uses, or the fact that there is none. Resolve it with
/// <see cref="ClusterConnectionResolver"/>, or register it once for the whole process with
/// <see cref="KubernetesServiceCollectionExtensions.AddKubernetesConnection"/>.</summary>
public sealed class ClusterConnection : IDisposable
{
    private ClusterConnection(KubernetesApiClient? client, KubernetesClientConfiguration? configuration, ClusterConnectionSource source, string description)
    {
        Client = client;
        Configuration = configuration;
        Source = source;
        Description = description;
    }

    /// <summary>The client; null when <see cref="IsAvailable"/> is false.</summary>
    public KubernetesApiClient? Client { get; }

    public KubernetesClientConfiguration? Configuration { get; }

    public ClusterConnectionSource Source { get; }

    /// <summary>One line for logs: where the connection came from, or why there is none.</summary>
    public string Description { get; }

    /// <summary>The namespace of the connection's context (in-cluster: the pod's namespace), if any.</summary>
    public string? Namespace => Configuration?.Namespace;

    [MemberNotNullWhen(true, nameof(Client), nameof(Configuration))]
    public bool IsAvailable => Client is not null && Configuration is not null;

    public static ClusterConnection None(string reason) => new(null, null, ClusterConnectionSource.None, reason);

    /// <summary>A connection from a ready-made configuration (tests; hosts with their own discovery);
    /// <paramref name="userAgent"/> names the process (<see cref="KubernetesApiClient.DefaultUserAgent"/> when null),
    /// <paramref name="handlers"/> wrap every request (e.g. to count them).</summary>
    public static ClusterConnection From(
        KubernetesClientConfiguration configuration,
        ClusterConnectionSource source = ClusterConnectionSource.Explicit,
        string? description = null,
        string? userAgent = null,
        params DelegatingHandler[] handlers)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var client = new KubernetesApiClient(configuration, userAgent ?? KubernetesApiClient.DefaultUserAgent, handlers);
        return new ClusterConnection(client, configuration, source, description ?? $"{source} {configuration.Host}");
    }

    public void Dispose() => Client?.Dispose();
}
