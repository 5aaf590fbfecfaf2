namespace DaprShared.Integration.Tests.ControlPlane;

/// <summary>Where the control-plane binaries are: envtest's convention, a folder named by
/// <c>KUBEBUILDER_ASSETS</c>, else <c>/usr/local/kubebuilder/bin</c>, holding <c>kube-apiserver</c>, <c>etcd</c>
/// (here etcd may also come from PATH: Debian's <c>etcd-server</c>) and, for the controllers,
/// <c>kube-controller-manager</c>.</summary>
public static class KubeAssets
{
    public const string EnvironmentVariable = "KUBEBUILDER_ASSETS";
    public const string DefaultFolder = "/usr/local/kubebuilder/bin";

    public const string HowToGet =
        "No kube-apiserver found: set KUBEBUILDER_ASSETS to a folder with kube-apiserver, etcd and kube-controller-manager " +
        "(envtest's layout; default /usr/local/kubebuilder/bin). Any Kubernetes v1.30+ build works: `setup-envtest use 1.32` " +
        "prints such a folder (it lacks kube-controller-manager: those tests then skip), or build kube-apiserver and " +
        "kube-controller-manager from a Kubernetes source tree and take etcd from your distribution (Debian: etcd-server). " +
        "See tests/DaprShared.Integration.Tests/README.md.";

    public static string Folder { get; } = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
        ? configured
        : DefaultFolder;

    public static string KubeApiServer => Path.Combine(Folder, "kube-apiserver");

    public static string KubeControllerManager => Path.Combine(Folder, "kube-controller-manager");

    /// <summary>etcd from the assets folder, else from PATH; null when neither has it.</summary>
    public static string? Etcd { get; } = File.Exists(Path.Combine(Folder, "etcd"))
        ? Path.Combine(Folder, "etcd")
        : (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "etcd"))
            .FirstOrDefault(File.Exists);

    /// <summary>True when a control plane can be started: kube-apiserver and etcd exist.</summary>
    public static bool Available { get; } = File.Exists(KubeApiServer) && Etcd is not null;

    public static bool HasControllerManager { get; } = Available && File.Exists(KubeControllerManager);

    public const string NoControllerManager =
        "needs kube-controller-manager (Deployments, DaemonSets, ReplicaSets and garbage collection), which is not in the KUBEBUILDER_ASSETS folder";
}
