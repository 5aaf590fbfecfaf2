using System.Text.Json;
using DaprShared.Core.Instances;
using k8s;
using k8s.Models;

namespace DaprShared.Core.Tests.Instances;

public sealed class DaprSharedInstanceSerializationTests
{
    private const string ApiServerJson = """
        {
          "apiVersion": "dapr-shared.io/v1alpha1",
          "kind": "DaprSharedInstance",
          "metadata": {"name": "orders", "namespace": "shop", "uid": "u-1", "generation": 3, "resourceVersion": "42",
                       "creationTimestamp": "2025-01-02T03:04:05Z"},
          "spec": {"appId": "orders", "strategy": "deployment", "appPort": 8080, "appChannelAddress": "orders.shop.svc.cluster.local",
                   "appProtocol": "grpc", "config": "tracing", "logLevel": "debug", "logAsJson": false, "replicas": 2},
          "status": {"observedGeneration": 3, "strategy": "deployment",
                     "conditions": [{"type": "Ready", "status": "True", "reason": "WorkloadAvailable", "message": "2/2",
                                     "lastTransitionTime": "2025-01-02T03:04:06Z", "observedGeneration": 3}],
                     "endpoints": {"http": "http://orders-dapr.shop.svc.cluster.local:3500", "grpc": "http://orders-dapr.shop.svc.cluster.local:50001"}}
        }
        """;

    [Fact]
    public void Deserialize_ApiServerObject_ReadsEveryField()
    {
        var instance = KubernetesJson.Deserialize<DaprSharedInstance>(ApiServerJson);

        instance.Metadata.Name.Should().Be("orders");
        instance.Metadata.Generation.Should().Be(3);
        instance.Spec.Should().BeEquivalentTo(new DaprSharedInstanceSpec
        {
            AppId = "orders",
            Strategy = "deployment",
            AppPort = 8080,
            AppChannelAddress = "orders.shop.svc.cluster.local",
            AppProtocol = "grpc",
            Config = "tracing",
            LogLevel = "debug",
            LogAsJson = false,
            Replicas = 2,
        });
        instance.Status!.ObservedGeneration.Should().Be(3);
        instance.Status.Strategy.Should().Be("deployment");
        instance.Status.Endpoints!.Grpc.Should().Be("http://orders-dapr.shop.svc.cluster.local:50001");
        var ready = instance.Status.Conditions!.Single();
        ready.Type.Should().Be("Ready");
        ready.LastTransitionTime.Should().Be(new DateTime(2025, 1, 2, 3, 4, 6, DateTimeKind.Utc));
    }

    [Fact]
    public void Serialize_MinimalInstance_WritesNoNullsAndTheRightTypeMeta()
    {
        var instance = new DaprSharedInstance
        {
            Metadata = new V1ObjectMeta { Name = "orders", NamespaceProperty = "shop" },
            Spec = new DaprSharedInstanceSpec { AppId = "orders" },
        };

        var json = KubernetesJson.Serialize(instance);

        json.Should().NotContain("null");
        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("apiVersion").GetString().Should().Be("dapr-shared.io/v1alpha1");
        document.RootElement.GetProperty("kind").GetString().Should().Be("DaprSharedInstance");
        document.RootElement.GetProperty("spec").EnumerateObject().Select(p => p.Name).Should().Equal("appId");
        document.RootElement.TryGetProperty("status", out _).Should().BeFalse();
    }

    [Fact]
    public void Serialize_ThenDeserialize_KeepsEveryField()
    {
        var original = KubernetesJson.Deserialize<DaprSharedInstance>(ApiServerJson);

        var copy = KubernetesJson.Deserialize<DaprSharedInstance>(KubernetesJson.Serialize(original));

        copy.Spec.Should().BeEquivalentTo(original.Spec);
        copy.Status.Should().BeEquivalentTo(original.Status);
    }

    [Fact]
    public void Yaml_RoundTrip_KeepsEveryField()
    {
        var original = KubernetesJson.Deserialize<DaprSharedInstance>(ApiServerJson);

        var yaml = KubernetesYaml.Serialize(original);
        var copy = KubernetesYaml.Deserialize<DaprSharedInstance>(yaml, strict: true);

        yaml.Should().Contain("appId: orders");
        copy.Spec.Should().BeEquivalentTo(original.Spec);
        copy.Status.Should().BeEquivalentTo(original.Status);
    }

    [Fact]
    public void LoadAllFromString_WithTypeMap_ReturnsTheModel()
    {
        var yaml = KubernetesYaml.Serialize(KubernetesJson.Deserialize<DaprSharedInstance>(ApiServerJson));
        var typeMap = new Dictionary<string, Type> { [DaprSharedInstance.GroupVersion + "/" + DaprSharedInstance.EntityKind] = typeof(DaprSharedInstance) };

        var objects = KubernetesYaml.LoadAllFromString(yaml, typeMap, strict: true);

        objects.Should().ContainSingle().Which.Should().BeOfType<DaprSharedInstance>().Which.Spec.Replicas.Should().Be(2);
    }

    [Fact]
    public void List_Deserialize_ReadsItems()
    {
        var list = KubernetesJson.Deserialize<DaprSharedInstanceList>(
            """{"apiVersion":"dapr-shared.io/v1alpha1","kind":"DaprSharedInstanceList","metadata":{"resourceVersion":"7"},"items":[""" + ApiServerJson + "]}");

        list.Metadata.ResourceVersion.Should().Be("7");
        list.Items.Should().ContainSingle().Which.Spec.AppId.Should().Be("orders");
    }

    [Fact]
    public void KubernetesEntityAttribute_MatchesTheConstants()
    {
        var attribute = typeof(DaprSharedInstance).GetCustomAttributes(typeof(KubernetesEntityAttribute), false)
            .Cast<KubernetesEntityAttribute>().Single();

        attribute.Group.Should().Be("dapr-shared.io");
        attribute.ApiVersion.Should().Be("v1alpha1");
        attribute.Kind.Should().Be("DaprSharedInstance");
        attribute.PluralName.Should().Be("daprsharedinstances");
        DaprSharedInstance.CrdName.Should().Be("daprsharedinstances.dapr-shared.io");
    }
}
