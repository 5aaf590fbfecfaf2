namespace DaprShared.Kubernetes.Cluster;

/// <summary>Where the Kubernetes API is (configuration section <c>Kubernetes</c>; CLI <c>--kubeconfig</c>).</summary>
public sealed class KubernetesConnectionOptions
{
    public const string SectionName = "Kubernetes";

    /// <summary>A kubeconfig file. When set it wins; when empty: in-cluster, then <c>$KUBECONFIG</c> /
    /// <c>~/.kube/config</c>, then no cluster.</summary>
    public string Kubeconfig { get; set; } = "";

    /// <summary>The kubeconfig context to use; empty = its current-context.</summary>
    public string Context { get; set; } = "";
}
