using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DaprShared.Controller.Api;
using DaprShared.Controller.Reconciliation;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.TestData;
using k8s;
using k8s.Models;

namespace DaprShared.Controller.Tests.Api;

/// <summary>The source-generated <see cref="KubernetesModelJson"/> writes exactly the bytes KubernetesClient's
/// <see cref="KubernetesJson"/> writes: the desired-state hash stored on every owned object is computed from them, so
/// any difference would make every object look changed after an upgrade.</summary>
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
            ModelJson.Serialize(obj).Should().Be(KubernetesJson.Serialize(obj), $"{obj.GetType().Name} of {scenario}");
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
            ModelJson.Serialize(obj).Should().Be(expected, obj.GetType().Name);
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

        ModelJson.Serialize(instance).Should().Be(KubernetesJson.Serialize(instance));
    }

    [Fact]
    public void Serialize_LeaseWithRenewTime_SameBytesAndMicrosecondPrecision()
    {
        var lease = Lease(new DateTime(2025, 5, 1, 12, 34, 56, DateTimeKind.Utc).AddTicks(1_234_567));

        var json = ModelJson.Serialize(lease);

        json.Should().Be(KubernetesJson.Serialize(lease));
        json.Should().Contain("\"renewTime\":\"2025-05-01T12:34:56.123456Z\"", "a MicroTime has exactly six fractional digits");
        json.Should().Contain("\"acquireTime\":\"2025-05-01T12:00:00.000001Z\"");
    }

    [Fact]
    public void Deserialize_LeaseFromTheServer_SameObjectAsKubernetesJson()
    {
        const string Json = """
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease",
             "metadata":{"name":"dapr-shared-controller","namespace":"dapr-shared-system","resourceVersion":"812","creationTimestamp":"2025-05-01T12:00:00Z",
               "managedFields":[{"manager":"dapr-shared","operation":"Update","apiVersion":"coordination.k8s.io/v1","time":"2025-05-01T12:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:holderIdentity":{}}}}]},
             "spec":{"holderIdentity":"pod-a_1","leaseDurationSeconds":15,"acquireTime":"2025-05-01T12:00:00.000000Z","renewTime":"2025-05-01T12:34:56.123456Z","leaseTransitions":2}}
            """;

        var ours = JsonSerializer.Deserialize(Json, KubernetesModelJson.Default.V1Lease)!;
        var theirs = KubernetesJson.Deserialize<V1Lease>(Json);

        ours.Spec.RenewTime.Should().Be(theirs.Spec.RenewTime).And.Be(new DateTime(2025, 5, 1, 12, 34, 56, DateTimeKind.Utc).AddTicks(1_234_560));
        ours.Spec.RenewTime!.Value.Kind.Should().Be(theirs.Spec.RenewTime!.Value.Kind);
        ModelJson.Serialize(ours).Should().Be(KubernetesJson.Serialize(theirs));
    }

    private static V1Lease Lease(DateTime renewTime) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = V1Lease.KubeKind,
        Metadata = new V1ObjectMeta { Name = "dapr-shared-controller", NamespaceProperty = "dapr-shared-system" },
        Spec = new V1LeaseSpec
        {
            HolderIdentity = "pod-a_1",
            LeaseDurationSeconds = 15,
            AcquireTime = new DateTime(2025, 5, 1, 12, 0, 0, DateTimeKind.Utc).AddTicks(10),
            RenewTime = renewTime,
            LeaseTransitions = 2,
        },
    };

    private static DaprSharedInstance Instance(string strategy) => new()
    {
        ApiVersion = DaprSharedInstance.GroupVersion,
        Kind = DaprSharedInstance.EntityKind,
        Metadata = new V1ObjectMeta { Name = "orders", NamespaceProperty = "shop", Uid = "6f1c2f4e-2b1a-4c3d-9e8f-0a1b2c3d4e5f", Generation = 1 },
        Spec = new DaprSharedInstanceSpec { AppId = "orders", Strategy = strategy, AppPort = 8080 },
    };
}
