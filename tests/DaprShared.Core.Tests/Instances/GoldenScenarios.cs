using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using k8s;

namespace DaprShared.Core.Tests.Instances;

/// <summary>The golden scenarios: defaults for each strategy, every option turned for each strategy, and a per-app
/// setting overriding its cluster-wide default.</summary>
internal static class GoldenScenarios
{
    public static readonly string[] Names =
    [
        "daemonset-defaults",
        "daemonset-custom",
        "deployment-defaults",
        "deployment-custom",
        "daemonset-log-as-json",
    ];

    public static IReadOnlyList<object> Objects(string scenario)
    {
        var (instance, cluster, controller) = Inputs(scenario);
        var state = InstanceFixtures.Build(instance, cluster, controller);
        var all = new List<object>(state.Objects);
        if (cluster.ApiTokens)
        {
            all.Add(DesiredStateBuilder.ApiTokenSecret(instance, DesiredStateGoldenTests.TestToken));
        }

        all.Add(DesiredStateBuilder.TrustAnchorsConfigMap(instance.Metadata.NamespaceProperty, [instance], DesiredStateGoldenTests.TestCaPem));
        return all;
    }

    public static string RenderYaml(string scenario) => KubernetesYaml.SerializeAll(Objects(scenario));

    public static (DaprSharedInstance Instance, ClusterSettings Cluster, ControllerSettings Controller) Inputs(string scenario) => scenario switch
    {
        "daemonset-defaults" => (InstanceFixtures.Orders(), InstanceFixtures.Cluster(), new ControllerSettings()),
        "daemonset-custom" => (
            InstanceFixtures.Instance("checkout", s =>
            {
                s.Strategy = "daemonset";
                s.AppPort = 8080;
                s.AppProtocol = "grpc";
                s.Config = "tracing";
                s.LogLevel = "debug";
            }, uid: "0b7c3e1a-5d2f-4e6a-8b9c-1d2e3f4a5b6c"),
            InstanceFixtures.Cluster(apiTokens: false) with { ClusterDomain = "corp.internal" },
            InstanceFixtures.CustomController()),
        "deployment-defaults" => (
            InstanceFixtures.Instance("payments", s => s.Strategy = "deployment", uid: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"),
            InstanceFixtures.Cluster(),
            new ControllerSettings()),
        "deployment-custom" => (
            InstanceFixtures.Instance("inventory", s =>
            {
                s.Strategy = "deployment";
                s.AppPort = 3000;
                s.AppChannelAddress = "inventory-api.shop.svc.cluster.local";
                s.AppProtocol = "h2c";
                s.LogLevel = "warn";
                s.Replicas = 3;
            }, uid: "1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b"),
            InstanceFixtures.Cluster(),
            InstanceFixtures.CustomController()),
        "daemonset-log-as-json" => (
            InstanceFixtures.Instance("audit", s => s.LogAsJson = true, uid: "3c5d7e9f-1a2b-4c6d-8e0f-2a4b6c8d0e1f"),
            InstanceFixtures.Cluster(),
            InstanceFixtures.CustomController()), // LogAsJson off cluster-wide: the flag comes from the instance
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown scenario"),
    };
}
