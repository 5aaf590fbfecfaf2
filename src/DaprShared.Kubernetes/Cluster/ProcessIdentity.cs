namespace DaprShared.Kubernetes.Cluster;

/// <summary>Who this process is in the cluster, found once: its namespace, its pod's name, and a name that is unique
/// to this run of it (a restarted container is a new candidate for a lease, and reports Events as such).</summary>
/// <param name="Namespace">The pod's namespace, or null when not known (not in a pod, no downward API): callers decide
/// what that means (a default, or an error naming <see cref="NamespaceVariable"/>).</param>
/// <param name="PodName">The pod's name, which is the host name in a pod.</param>
/// <param name="Identity"><paramref name="PodName"/> plus a random suffix.</param>
public sealed record ProcessIdentity(string? Namespace, string PodName, string Identity)
{
    /// <summary>The variable the pod spec sets from the downward API (<c>fieldRef: metadata.namespace</c>).</summary>
    public const string NamespaceVariable = "POD_NAMESPACE";

    /// <summary>The namespace of the mounted ServiceAccount, present in every pod that mounts its token.</summary>
    public const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    /// <summary>The identity of this process, from its environment.</summary>
    public static ProcessIdentity FromEnvironment() =>
        Resolve(Environment.GetEnvironmentVariable, ServiceAccountNamespaceFile, Environment.MachineName);

    /// <summary>The namespace is <see cref="NamespaceVariable"/>, else the one in
    /// <paramref name="serviceAccountNamespaceFile"/>, else unknown; every probe is a parameter, for tests.</summary>
    public static ProcessIdentity Resolve(Func<string, string?> environment, string serviceAccountNamespaceFile, string hostName)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(hostName);
        var ns = NonEmpty(environment(NamespaceVariable)) ?? NonEmpty(File.Exists(serviceAccountNamespaceFile) ? File.ReadAllText(serviceAccountNamespaceFile) : null);
        var podName = hostName.ToLowerInvariant();
        return new ProcessIdentity(ns, podName, $"{podName}_{Guid.NewGuid().ToString("N")[..8]}");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
