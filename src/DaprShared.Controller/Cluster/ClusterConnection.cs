using System.Diagnostics.CodeAnalysis;
using DaprShared.Controller.Api;
using k8s;

namespace DaprShared.Controller.Cluster;

/// <summary>The one connection to the Kubernetes API the process uses (the controller, and the webhook's
/// self-managed TLS), or the fact that there is none. Resolve it with <see cref="ClusterConnectionResolver"/>.</summary>
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
    /// <paramref name="handlers"/> wrap every request (e.g. to count them).</summary>
    public static ClusterConnection From(
        KubernetesClientConfiguration configuration,
        ClusterConnectionSource source = ClusterConnectionSource.Explicit,
        string? description = null,
        params DelegatingHandler[] handlers)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ClusterConnection(new KubernetesApiClient(configuration, handlers), configuration, source, description ?? $"{source} {configuration.Host}");
    }

    public void Dispose() => Client?.Dispose();
}
