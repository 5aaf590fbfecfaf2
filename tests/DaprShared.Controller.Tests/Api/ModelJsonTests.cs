using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DaprShared.Controller.Api;
using DaprShared.Controller.Reconciliation;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.Kubernetes.Api;
using DaprShared.TestData;
using k8s;
using k8s.Models;

namespace DaprShared.Controller.Tests.Api;

/// <summary>The source-generated <see cref="KubernetesModelJson"/> (the kit's) and <see cref="DaprSharedJson"/> (the
/// product's) write exactly the bytes KubernetesClient's <see cref="KubernetesJson"/> writes: the desired-state hash
/// stored on every owned object is computed from them, so any difference would make every object look changed after
/// an upgrade.</summary>
public sealed class ModelJsonTests
{
    public static TheoryData<string> GoldenScenarios => new(["daemonset-defaults", "daemonset-custom", "deployment-defaults", "deployment-custom"]);

    public static TheoryData<SharedStrategy, bool> BuilderInputs => new()
    {
        { SharedStrategy.DaemonSet, true },
        { SharedStrategy.DaemonSet, false },
        { SharedStrategy.Deployment, true },
        { SharedStrategy.Deployment, false },
    };

    [Theory]
    [MemberData(nameof(GoldenScenarios))]
    public void Serialize_EveryObjectOfAGoldenScenario_SameBytesAsKubernetesJson(string scenario)
    {
        var yaml = File.ReadAllText(Path.Combine(TestDataPaths.Golden, "instances", scenario + ".yaml"));
        var objects = KubernetesYaml.LoadAllFromString(yaml, strict: true);

        objects.Should().HaveCountGreaterThanOrEqualTo(4);
        foreach (var obj in objects)
        {
            DaprSharedApi.Models.Serialize(obj).Should().Be(KubernetesJson.Serialize(obj), $"{obj.GetType().Name} of {scenario}");
        }
    }

    [Theory]
    [MemberData(nameof(BuilderInputs))]
    public void Serialize_DesiredStateBuilderOutput_SameBytesAndSameHashAsKubernetesJson(SharedStrategy strategy, bool apiTokens)
    {
        var instance = Instance(strategy == SharedStrategy.Deployment ? "deployment" : "daemonset");
        var cluster = new ClusterSettings { ApiTokens = apiTokens, DefaultStrategy = strategy };
        var state = DesiredStateBuilder.Build(instance, cluster, new ControllerSettings()).State!;
        var objects = new List<object>(state.Objects)
        {
            DesiredStateBuilder.ApiTokenSecret(instance, "test-token"),
            DesiredStateBuilder.TrustAnchorsConfigMap("shop", [instance], "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"),
        };

        foreach (var obj in objects)
        {
            var expected = KubernetesJson.Serialize(obj);
            DaprSharedApi.Models.Serialize(obj).Should().Be(expected, obj.GetType().Name);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(expected)).AsSpan(0, 16));
            DesiredHash.Compute(obj).Should().Be(hash);
        }
    }

    [Fact]
    public void Serialize_InstanceWithStatus_SameBytesAsKubernetesJson()
    {
        var instance = Instance("deployment");
        instance.Status = new DaprSharedInstanceStatus
        {
            ObservedGeneration = 3,
            Strategy = "deployment",
            Conditions =
            [
                new V1Condition
                {
                    Type = "Ready",
                    Status = "True",
                    Reason = "Available",
                    Message = "1/1 ready \"quoted\" <html> & ünïcode",
                    ObservedGeneration = 3,
                    LastTransitionTime = new DateTime(2025, 5, 1, 12, 34, 56, DateTimeKind.Utc),
                },
            ],
        };

        DaprSharedApi.Models.Serialize(instance).Should().Be(KubernetesJson.Serialize(instance));
        JsonSerializer.Serialize(instance, DaprSharedJson.Default.DaprSharedInstance).Should().Be(KubernetesJson.Serialize(instance));
    }

    private static DaprSharedInstance Instance(string strategy) => new()
    {
        ApiVersion = DaprSharedInstance.GroupVersion,
        Kind = DaprSharedInstance.EntityKind,
        Metadata = new V1ObjectMeta { Name = "orders", NamespaceProperty = "shop", Uid = "6f1c2f4e-2b1a-4c3d-9e8f-0a1b2c3d4e5f", Generation = 1 },
        Spec = new DaprSharedInstanceSpec { AppId = "orders", Strategy = strategy, AppPort = 8080 },
    };
}
