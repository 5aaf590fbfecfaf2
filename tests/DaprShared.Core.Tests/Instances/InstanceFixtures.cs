using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using k8s.Models;

namespace DaprShared.Core.Tests.Instances;

/// <summary>Instances and settings the builder tests share. Fixed uids so output is byte-for-byte stable.</summary>
internal static class InstanceFixtures
{
    public const string Namespace = "shop";

    public static DaprSharedInstance Instance(string appId, Action<DaprSharedInstanceSpec>? configure = null, string ns = Namespace, string? uid = null)
    {
        var spec = new DaprSharedInstanceSpec { AppId = appId };
        configure?.Invoke(spec);
        return new DaprSharedInstance
        {
            Metadata = new V1ObjectMeta
            {
                Name = appId,
                NamespaceProperty = ns,
                Uid = uid ?? "uid-" + ns + "-" + appId,
                Generation = 1,
            },
            Spec = spec,
        };
    }

    public static DaprSharedInstance Orders() => Instance("orders", uid: "6f1c2f4e-2b1a-4c3d-9e8f-0a1b2c3d4e5f");

    public static ClusterSettings Cluster(bool apiTokens = true, SharedStrategy defaultStrategy = SharedStrategy.DaemonSet) =>
        new() { ApiTokens = apiTokens, DefaultStrategy = defaultStrategy };

    /// <summary>Every knob turned away from its default, to show each one reaches the output.</summary>
    public static ControllerSettings CustomController() => new()
    {
        DaprdImage = "registry.example.com/dapr/daprd:1.16.1",
        ImagePullPolicy = "Always",
        ImagePullSecrets = ["regcred"],
        ControlPlaneNamespace = "dapr-cp",
        TrustDomain = "example.org",
        EnableBuiltinKubernetesSecretStore = true,
        LogAsJson = false,
        Resources = new DaprdResourceSettings { CpuRequest = "250m", MemoryRequest = "256Mi", CpuLimit = "1", MemoryLimit = "1Gi" },
        Tolerations =
        [
            new TolerationSettings { Key = "node-role.kubernetes.io/control-plane", Operator = "Exists", Effect = "NoSchedule" },
        ],
        NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "linux", ["dapr"] = "yes" },
        PriorityClassName = "system-node-critical",
        PdbMaxUnavailable = "",
        PdbMinAvailable = "50%",
    };

    public static DesiredState Build(DaprSharedInstance instance, ClusterSettings? cluster = null, ControllerSettings? controller = null)
    {
        var result = DesiredStateBuilder.Build(instance, cluster ?? Cluster(), controller ?? new ControllerSettings());
        result.Problems.Should().NotContain(p => p.Fatal);
        return result.State!;
    }

    public static V1Container Daprd(DesiredState state)
    {
        var template = state.DaemonSet?.Spec.Template ?? state.Deployment!.Spec.Template;
        return template.Spec.Containers.Single();
    }

    public static V1PodTemplateSpec Template(DesiredState state) => state.DaemonSet?.Spec.Template ?? state.Deployment!.Spec.Template;
}
