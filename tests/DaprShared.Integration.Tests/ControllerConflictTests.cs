using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.Integration.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace DaprShared.Integration.Tests;

/// <summary>An object of the same name that the controller does not manage is never overwritten (DESIGN §4): the
/// instance reports condition <c>Conflict</c> (reason <c>UnmanagedObjectExists</c>) and a Warning Event
/// <c>ObjectConflict</c>, and takes the name over once the user deletes their object.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class ControllerConflictTests : IAsyncLifetime
{
    private readonly RealCluster cluster;
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("dapr-shared-it-product-");
    private ProductProcess? product;
    private string? ns;

    public ControllerConflictTests(RealCluster cluster) => this.cluster = cluster;

    // A conflicting object carries no label of ours, so no watch sees it go: the instance looks again every
    // recheck period (a minute by default; 1 s here).
    public async Task InitializeAsync() => product = await ControllerScenario.StartAsync(cluster, work.FullName, "--Controller:Reconciler:ConflictRecheckPeriod=00:00:01");

    public async Task DisposeAsync()
    {
        await ControllerScenario.CleanUpAsync(cluster, ns);
        if (product is not null)
        {
            await product.DisposeAsync();
        }

        work.Delete(recursive: true);
    }

    [RealClusterFact]
    public async Task UnmanagedSameNameService_LeftAloneAndReported_ThenTakenOverWhenGone()
    {
        ns = await cluster.CreateNamespaceAsync("conflict");
        var mine = await cluster.Admin.CoreV1.CreateNamespacedServiceAsync(
            new V1Service
            {
                Metadata = new V1ObjectMeta { Name = "orders-dapr", Labels = new Dictionary<string, string> { ["app"] = "my-own-daprd" } },
                Spec = new V1ServiceSpec
                {
                    Selector = new Dictionary<string, string> { ["app"] = "my-own-daprd" },
                    Ports = [new V1ServicePort { Name = "http", Port = 3500, TargetPort = 3500 }],
                },
            },
            ns);
        await cluster.Admin.CoreV1.CreateNamespacedPodAsync(FixturePods.Pod(FixturePods.Orders, "orders-1"), ns);

        var instance = await ControllerScenario.WaitConditionAsync(cluster, ns, "orders", InstanceConditions.Conflict, "True", InstanceConditions.ReasonUnmanagedObject, product);
        ControllerScenario.Condition(instance, InstanceConditions.Conflict)!.Message.Should().Contain("Service orders-dapr");
        var warning = await ControllerScenario.WaitEventAsync(cluster, ns, instance.Metadata.Uid, "ObjectConflict", product);
        warning.Type.Should().Be("Warning");
        warning.Message.Should().Contain("Service orders-dapr");
        warning.InvolvedObject.ApiVersion.Should().Be(DaprSharedInstance.GroupVersion);
        warning.InvolvedObject.Kind.Should().Be(DaprSharedInstance.EntityKind);
        warning.InvolvedObject.Name.Should().Be("orders");
        warning.InvolvedObject.NamespaceProperty.Should().Be(ns);

        // Everything else of the instance is provisioned; only the conflicting name is skipped.
        var owned = await Eventually.ReturnsAsync(
            async () => await ControllerScenario.ReadOwnedAsync(cluster, ns, "orders") is { DaemonSet: not null, LocalService: not null, ServiceAccount: not null, Secret: not null, TrustAnchors: not null } o ? o : null,
            "the instance's other objects",
            product: product);
        ControllerScenario.ShouldBeOwnedBy(owned.DaemonSet!.Metadata, instance);
        ControllerScenario.ShouldBeOwnedBy(owned.LocalService!.Metadata, instance);

        // Several rechecks later, the user's Service is exactly as they made it, and the conflict was reported once.
        var rechecks = await ReconcilesAsync("conflict");
        await Eventually.HoldsAsync(async () => await ReconcilesAsync("conflict") >= rechecks + 3 ? null : "three more rechecks", product: product);
        var untouched = await cluster.Admin.CoreV1.ReadNamespacedServiceAsync("orders-dapr", ns);
        untouched.Metadata.ResourceVersion.Should().Be(mine.Metadata.ResourceVersion, "the controller never writes an object it does not manage");
        untouched.Metadata.OwnerReferences.Should().BeNullOrEmpty();
        untouched.Metadata.ManagedFields.Should().NotContain(m => m.Manager == DaprSharedKeys.FieldManager);
        (await ControllerScenario.EventsAboutAsync(cluster, ns, instance.Metadata.Uid)).Where(e => e.Reason == "ObjectConflict")
            .Should().ContainSingle("an unchanged conflict is not repeated on every recheck");

        // The user deletes theirs: at the next recheck the instance creates its own and the conflict clears.
        await cluster.Admin.CoreV1.DeleteNamespacedServiceAsync("orders-dapr", ns);
        var cleared = await ControllerScenario.WaitConditionAsync(cluster, ns, "orders", InstanceConditions.Conflict, "False", InstanceConditions.ReasonNoConflict, product);
        var ours = await cluster.Admin.CoreV1.ReadNamespacedServiceAsync("orders-dapr", ns);
        ControllerScenario.ShouldBeOwnedBy(ours.Metadata, cleared);
        ours.Spec.Ports.Select(p => p.Name).Should().BeEquivalentTo("dapr-http", "dapr-grpc", "dapr-internal", "dapr-metrics");
    }

    private async Task<double> ReconcilesAsync(string result) =>
        (await ControllerScenario.MetricAsync(product!, "dapr_shared_controller_reconciles_total")).GetValueOrDefault($"{{result=\"{result}\"}}");
}
