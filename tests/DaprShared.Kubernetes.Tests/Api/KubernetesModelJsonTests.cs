using System.Text.Json;
using DaprShared.Kubernetes.Api;
using k8s;
using k8s.Models;

namespace DaprShared.Kubernetes.Tests.Api;

/// <summary>The source-generated <see cref="KubernetesModelJson"/> reads and writes exactly what KubernetesClient's
/// <see cref="KubernetesJson"/> does, including the API server's MicroTime (a Lease's times).</summary>
public sealed class KubernetesModelJsonTests
{
    [Fact]
    public void Serialize_LeaseWithRenewTime_SameBytesAndMicrosecondPrecision()
    {
        var lease = Lease(new DateTime(2025, 5, 1, 12, 34, 56, DateTimeKind.Utc).AddTicks(1_234_567));

        var json = ModelJson.Kubernetes.Serialize(lease);

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
        ModelJson.Kubernetes.Serialize(ours).Should().Be(KubernetesJson.Serialize(theirs));
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
}
