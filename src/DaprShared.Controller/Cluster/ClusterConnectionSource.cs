namespace DaprShared.Controller.Cluster;

/// <summary>How the connection to the API server was found.</summary>
public enum ClusterConnectionSource
{
    /// <summary>No cluster: the controller idles, the webhook still serves.</summary>
    None,

    /// <summary>The pod's ServiceAccount (KUBERNETES_SERVICE_HOST and the mounted token).</summary>
    InCluster,

    /// <summary>A kubeconfig file (configured, <c>$KUBECONFIG</c>, or <c>~/.kube/config</c>).</summary>
    Kubeconfig,

    /// <summary>A configuration handed over in code (tests).</summary>
    Explicit,
}
