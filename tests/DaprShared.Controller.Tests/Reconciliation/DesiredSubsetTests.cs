using System.Text.Json.Nodes;
using DaprShared.Controller.Reconciliation;
using DaprShared.Core.Contract;
using k8s.Models;

namespace DaprShared.Controller.Tests.Reconciliation;

public sealed class DesiredSubsetTests
{
    [Theory]
    [InlineData("""{"a":1}""", """{"a":1,"b":2}""", true)]
    [InlineData("""{"a":1}""", """{"a":2}""", false)]
    [InlineData("""{"a":{"b":"x"}}""", """{"a":{"b":"x","c":"y"}}""", true)]
    [InlineData("""{"a":{"b":"x"}}""", """{"a":{}}""", false)]
    [InlineData("""{"flag":false}""", """{}""", true)]
    [InlineData("""{"flag":true}""", """{}""", false)]
    [InlineData("""{"list":[],"map":{},"text":"","n":0}""", """{}""", true)]
    [InlineData("""{"args":["a","b"]}""", """{"args":["a","b"]}""", true)]
    [InlineData("""{"args":["a","b"]}""", """{"args":["a","b","c"]}""", false)]
    [InlineData("""{"args":["a","b"]}""", """{"args":["b","a"]}""", false)]
    [InlineData("""{"n":1}""", """{"n":1.0}""", true)]
    [InlineData("""{"port":"3500"}""", """{"port":3500}""", false)]
    public void Contains_Basics(string desired, string live, bool expected) =>
        DesiredSubset.Contains(JsonNode.Parse(desired), JsonNode.Parse(live)).Should().Be(expected);

    [Fact]
    public void Contains_NamedItems_MatchedByNameWhateverTheOrderAndExtras()
    {
        var desired = JsonNode.Parse("""{"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}""");
        var live = JsonNode.Parse("""{"env":[{"name":"INJECTED","value":"x"},{"name":"B","value":"2"},{"name":"A","value":"1"}]}""");

        DesiredSubset.Contains(desired, live).Should().BeTrue();
        DesiredSubset.Contains(desired, JsonNode.Parse("""{"env":[{"name":"A","value":"changed"},{"name":"B","value":"2"}]}""")).Should().BeFalse();
        DesiredSubset.Contains(desired, JsonNode.Parse("""{"env":[{"name":"A","value":"1"}]}""")).Should().BeFalse();
    }

    [Fact]
    public void Contains_ServicePorts_ByPortWithServerDefaults()
    {
        var desired = JsonNode.Parse("""{"ports":[{"name":"dapr-http","port":3500,"targetPort":"dapr-http","protocol":"TCP"}]}""");
        var live = JsonNode.Parse("""{"ports":[{"name":"dapr-http","port":3500,"targetPort":"dapr-http","protocol":"TCP","nodePort":0}],"clusterIP":"10.96.0.10"}""");

        DesiredSubset.Contains(desired, live).Should().BeTrue();
    }

    [Theory]
    [InlineData("0.5", "500m", true)]
    [InlineData("1024Mi", "1Gi", true)]
    [InlineData("100m", "200m", false)]
    public void Contains_ResourceQuantities_ComparedByValue(string wanted, string stored, bool expected)
    {
        var desired = new JsonObject { ["resources"] = new JsonObject { ["limits"] = new JsonObject { ["cpu"] = wanted } } };
        var live = new JsonObject { ["resources"] = new JsonObject { ["limits"] = new JsonObject { ["cpu"] = stored } } };

        DesiredSubset.Contains(desired, live).Should().Be(expected);
    }

    [Fact]
    public void Contains_QuantityLookalikeOutsideResources_ComparedAsText() =>
        DesiredSubset.Contains(JsonNode.Parse("""{"labels":{"v":"0.5"}}"""), JsonNode.Parse("""{"labels":{"v":"500m"}}""")).Should().BeFalse();

    [Fact]
    public void IsSatisfiedBy_LiveFromAListWithoutKind_StillSatisfied()
    {
        var desired = new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "x" }, Data = new Dictionary<string, string> { ["k"] = "v" } };
        var listed = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x", ResourceVersion = "7" }, Data = new Dictionary<string, string> { ["k"] = "v" } };

        DesiredSubset.IsSatisfiedBy(desired, listed).Should().BeTrue();
    }

    [Fact]
    public void DesiredHash_SeesARemovalTheSubsetCannot()
    {
        var before = DesiredHash.Stamp(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" }, Data = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } });
        var after = DesiredHash.Stamp(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" }, Data = new Dictionary<string, string> { ["a"] = "1" } });

        var liveWithoutHash = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" }, Data = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } };
        after.Data.Should().NotContainKey("b");
        DesiredSubset.IsSatisfiedBy(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" }, Data = after.Data }, liveWithoutHash).Should().BeTrue("a subset check cannot see that b should go");

        var live = DesiredHash.Stamp(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" }, Data = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } });
        DesiredSubset.IsSatisfiedBy(after, live).Should().BeFalse("the hash annotation differs, so the apply that removes b happens");
        DesiredSubset.IsSatisfiedBy(before, live).Should().BeTrue();
    }

    [Fact]
    public void DesiredHash_StampTwice_SameValue()
    {
        var map = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" }, Data = new Dictionary<string, string> { ["a"] = "1" } };

        var first = DesiredHash.Stamp(map).Metadata.Annotations[DaprSharedKeys.DesiredHashAnnotation];
        var second = DesiredHash.Stamp(map).Metadata.Annotations[DaprSharedKeys.DesiredHashAnnotation];

        second.Should().Be(first).And.MatchRegex("^[0-9a-f]{32}$");
    }
}
