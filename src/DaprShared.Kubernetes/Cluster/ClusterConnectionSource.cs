namespace DaprShared.Kubernetes.Cluster;

/// <summary>How the connection to the API server was found.</summary>
public enum ClusterConnectionSource
{
    /// <summary>No cluster: what runs without one is for the host to decide.</summary>
    None,

    /// <summary>The pod's ServiceAccount (KUBERNETES_SERVICE_HOST and the mounted token).</summary>
    InCluster,

    /// <summary>A kubeconfig file (configured, <c>$KUBECONFIG</c>, or <c>~/.kube/config</c>).</summary>
    Kubeconfig,

    /// <summary>A configuration handed over in code (tests).</summary>
    Explicit,
}
