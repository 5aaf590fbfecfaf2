using DaprShared.Core.Instances;
using DaprShared.Integration.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace DaprShared.Integration.Tests;

/// <summary>The workloads the controller applies, run by kube-controller-manager: the DaemonSet places one daprd
/// pod on each Ready Node, the Deployment one replica; as those pods become ready (a kubelet's report, written here)
/// the instances' Ready condition follows the workloads' status.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class ControllerDaprdPodsTests : IAsyncLifetime
{
    /// <summary>Nodes of the whole suite: created once, left Ready (other tests' DaemonSets place pods on them too).</summary>
    internal static readonly string[] Nodes = ["node-a", "node-b"];

    private readonly RealCluster cluster;
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("dapr-shared-it-product-");
    private ProductProcess? product;
    private string? ns;

    public ControllerDaprdPodsTests(RealCluster cluster) => this.cluster = cluster;

    public async Task InitializeAsync()
    {
        await cluster.EnsureReadyNodesAsync(Nodes);
        product = await ControllerScenario.StartAsync(cluster, work.FullName);
    }

    public async Task DisposeAsync()
    {
        await ControllerScenario.CleanUpAsync(cluster, ns);
        if (product is not null)
        {
            await product.DisposeAsync();
        }

        work.Delete(recursive: true);
    }

    [RealClusterFact(NeedsControllerManager = true)]
    public async Task Workloads_DaprdPodsPerReadyNodeAndReplica_ReadyFollowsThem()
    {
        ns = await cluster.CreateNamespaceAsync("daprd-pods");
        await cluster.Admin.CoreV1.CreateNamespacedPodAsync(FixturePods.Pod(FixturePods.Orders, "orders-1"), ns);
        await cluster.Admin.CoreV1.CreateNamespacedPodAsync(FixturePods.Pod(FixturePods.Checkout, "checkout-1"), ns);

        // DaemonSet: one daprd pod per Ready Node (ours, and any another test left), Pending without a kubelet.
        var daemonPods = await Eventually.ReturnsAsync(
            async () =>
            {
                var daemonSet = await ControllerScenario.FindAsync(() => cluster.Admin.AppsV1.ReadNamespacedDaemonSetAsync("orders-dapr-shared", ns));
                var pods = await ControllerScenario.DaprdPodsAsync(cluster, ns, "orders");
                var desired = daemonSet?.Status?.DesiredNumberScheduled ?? 0;
                return desired >= Nodes.Length && pods.Count == desired ? pods : null;
            },
            "the DaemonSet's pods, one per Ready Node",
            product: product);
        var readyNodes = (await cluster.Admin.CoreV1.ListNodeAsync()).Items
            .Where(n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
            .Select(n => n.Metadata.Name)
            .ToList();
        var targets = daemonPods.Select(TargetNode).ToList();
        targets.Should().OnlyHaveUniqueItems("one daprd per node").And.Contain(Nodes);
        readyNodes.Should().Contain(targets, "daprd goes to Ready Nodes only");
        foreach (var pod in daemonPods)
        {
            ShouldBeAPendingDaprdPod(pod, "orders", "DaemonSet", "orders-dapr-shared");
        }

        // Deployment: its ReplicaSet made the one replica.
        var replica = (await Eventually.ReturnsAsync(
            async () => (await ControllerScenario.DaprdPodsAsync(cluster, ns, "checkout")) is { Count: 1 } pods ? pods : null,
            "the Deployment's one daprd replica",
            product: product))[0];
        ShouldBeAPendingDaprdPod(replica, "checkout", "ReplicaSet", null);

        // Not Ready while no daprd is available: the message counts what the workload controllers report.
        var orders = await ControllerScenario.WaitConditionAsync(cluster, ns, "orders", InstanceConditions.Ready, "False", InstanceConditions.ReasonUnavailable, product);
        ControllerScenario.Condition(orders, InstanceConditions.Ready)!.Message.Should().Be($"0/{daemonPods.Count} daprd pods available");
        var notReadySince = ControllerScenario.Condition(orders, InstanceConditions.Ready)!.LastTransitionTime;
        var checkout = await ControllerScenario.WaitConditionAsync(cluster, ns, "checkout", InstanceConditions.Ready, "False", InstanceConditions.ReasonUnavailable, product);
        ControllerScenario.Condition(checkout, InstanceConditions.Ready)!.Message.Should().Be("0/1 daprd replicas available");

        // The pods start (what a kubelet would report): the workloads become available, and so do the instances.
        foreach (var pod in daemonPods.Append(replica))
        {
            await ControllerScenario.MarkReadyAsync(cluster, pod);
        }

        orders = await ControllerScenario.WaitConditionAsync(cluster, ns, "orders", InstanceConditions.Ready, "True", InstanceConditions.ReasonAvailable, product);
        ControllerScenario.Condition(orders, InstanceConditions.Ready)!.Message.Should().Be($"{daemonPods.Count}/{daemonPods.Count} daprd pods available");
        checkout = await ControllerScenario.WaitConditionAsync(cluster, ns, "checkout", InstanceConditions.Ready, "True", InstanceConditions.ReasonAvailable, product);
        ControllerScenario.Condition(checkout, InstanceConditions.Ready)!.Message.Should().Be("1/1 daprd replicas available");
        foreach (var instance in new[] { orders, checkout })
        {
            var ready = ControllerScenario.Condition(instance, InstanceConditions.Ready)!;
            ready.ObservedGeneration.Should().Be(instance.Metadata.Generation);
            ready.LastTransitionTime.Should().BeOnOrAfter(notReadySince.AddSeconds(-1), "the transition to True moved it");
            ControllerScenario.Condition(instance, InstanceConditions.Conflict)!.Status.Should().Be("False");
        }
    }

    /// <summary>The node a DaemonSet pod is for: the scheduler would bind it there; until then the DaemonSet
    /// controller's node affinity (matchFields metadata.name) names it.</summary>
    private static string TargetNode(V1Pod pod) =>
        pod.Spec.NodeName is { Length: > 0 } bound
            ? bound
            : pod.Spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms
                .SelectMany(t => t.MatchFields ?? [])
                .Single(f => f.Key == "metadata.name")
                .Values.Single();

    private static void ShouldBeAPendingDaprdPod(V1Pod pod, string appId, string ownerKind, string? ownerName)
    {
        var owner = pod.Metadata.OwnerReferences.Should().ContainSingle(r => r.Controller == true).Subject;
        owner.Kind.Should().Be(ownerKind);
        if (ownerName is not null)
        {
            owner.Name.Should().Be(ownerName);
        }

        pod.Status.Phase.Should().Be("Pending", "there is no kubelet");
        pod.Spec.ServiceAccountName.Should().Be($"{appId}-dapr-shared");
        var daprd = pod.Spec.Containers.Should().ContainSingle().Which;
        daprd.Name.Should().Be("daprd");
        daprd.Image.Should().Be(ControllerScenario.DaprdImage);
        pod.Metadata.Labels.Should().Contain("dapr.io/app-id", appId).And.NotContainKey("dapr-shared.io/app-id", "daprd is not an app of its own app-id");
        pod.Metadata.Annotations.Should().NotContainKey("dapr-shared.io/injected", "the webhook left daprd alone");
    }
}
