using DaprShared.Controller.Reconciliation;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.FakeKubeApi;
using k8s.Models;

namespace DaprShared.Controller.Tests.Reconciliation;

/// <summary>Each row of <see cref="OwnedKinds"/> agrees with itself and with what uses it: its API version and kind
/// with its resource path (as the API server maps them), and its <c>Deletes</c> with the objects the desired state
/// ever asks to delete.</summary>
public sealed class OwnedKindsTests
{
    public static TheoryData<string> Kinds => new(OwnedKinds.All.Select(k => k.Kind));

    [Fact]
    public void All_EachKindOnce()
    {
        OwnedKinds.All.Select(k => (k.ApiVersion, k.Kind)).Should().OnlyHaveUniqueItems();
        OwnedKinds.All.Select(k => k.Plural).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Row_ApiVersionKindAndResource_NameTheSameApiResource(string kind)
    {
        var declaration = OwnedKinds.All.Single(k => k.Kind == kind);
        var version = declaration.ApiVersion[(declaration.ApiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];

        declaration.CollectionPath.Should().Be(
            (declaration.Group.Length == 0 ? "/api/" : $"/apis/{declaration.Group}/") + version + "/" + declaration.Plural);
        new ResourceTypeRegistry().TryGet(declaration.Group, version, declaration.Plural, out var known).Should().BeTrue();
        known.Kind.Should().Be(declaration.Kind, "the API server serves {0} as {1}", declaration.Plural, known.Kind);
    }

    [Fact]
    public void Deletes_ExactlyTheKindsTheDesiredStateEverCallsUnwanted()
    {
        var unwanted = new[] { SharedStrategyNames.DaemonSet, SharedStrategyNames.Deployment }
            .SelectMany(strategy => DesiredStateBuilder.Build(Instance(strategy), new ClusterSettings(), new ControllerSettings()).State!.Unwanted)
            .Select(u => (u.ApiVersion, u.Kind))
            .Distinct();

        unwanted.Should().BeEquivalentTo(OwnedKinds.All.Where(k => k.Verbs.Contains("delete")).Select(k => (k.ApiVersion, k.Kind)));
    }

    private static DaprSharedInstance Instance(string strategy) => new()
    {
        Metadata = new V1ObjectMeta { Name = "orders", NamespaceProperty = "shop", Uid = "uid-orders" },
        Spec = new DaprSharedInstanceSpec { AppId = "orders", Strategy = strategy },
    };
}
