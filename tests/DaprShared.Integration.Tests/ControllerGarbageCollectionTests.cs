using System.Text;
using DaprShared.Core.Contract;
using DaprShared.Integration.Tests.Infrastructure;
using k8s;

namespace DaprShared.Integration.Tests;

/// <summary>"Deleting the instance deletes what it owns" (DESIGN §4) is kube-controller-manager's garbage collector
/// following the owner references; the shared trust-anchors ConfigMap stays while another instance of the namespace
/// still owns it.</summary>
/// <remarks>The API-token Secret: DESIGN §4 says it is "never removed or changed while a running pod uses it". The
/// code gives it a controller owner reference like the rest (DesiredStateBuilder.ApiTokenSecretMetadata) and creates
/// a fresh random token per instance uid (ApiTokenSecrets), so what it does, and what is asserted here, is: deleting
/// the instance deletes the Secret while a running app pod still references it, and the next instance of the app-id
/// gets a different token, which the still-running pod does not have.</remarks>
[Collection(RealClusterCollection.Name)]
public sealed class ControllerGarbageCollectionTests : IAsyncLifetime
{
    // kube-controller-manager's garbage collector, not the product, deletes the dependents; on a busy machine its
    // graph (built from watches of every resource, re-synced with discovery every 30 s) can take well over 30 s.
    private static readonly TimeSpan GarbageCollection = TimeSpan.FromSeconds(90);

    private readonly RealCluster cluster;
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("dapr-shared-it-product-");
    private ProductProcess? product;
    private string? ns;

    public ControllerGarbageCollectionTests(RealCluster cluster) => this.cluster = cluster;

    public async Task InitializeAsync() => product = await ControllerScenario.StartAsync(cluster, work.FullName);

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
    public async Task DeletedInstance_EveryOwnedObjectCollected_TokenSecretToo()
    {
        ns = await cluster.CreateNamespaceAsync("gc");
        await cluster.Admin.CoreV1.CreateNamespacedPodAsync(FixturePods.Pod(FixturePods.Checkout, "checkout-1"), ns);
        await cluster.Admin.CoreV1.CreateNamespacedPodAsync(FixturePods.Pod(FixturePods.Orders, "orders-1"), ns);
        var checkout = await InstanceReader.WaitAsync(cluster, ns, "checkout", product);
        var orders = await InstanceReader.WaitAsync(cluster, ns, "orders", product);
        var checkoutOwned = await ControllerScenario.WaitOwnedAsync(cluster, checkout, SharedStrategy.Deployment, product);
        await ControllerScenario.WaitOwnedAsync(cluster, orders, SharedStrategy.DaemonSet, product);
        var oldToken = Encoding.UTF8.GetString(checkoutOwned.Secret!.Data["token"]);

        // checkout-1 runs (what its kubelet would report) and reads DAPR_API_TOKEN from the Secret.
        var running = await cluster.Admin.CoreV1.ReadNamespacedPodAsync("checkout-1", ns);
        await ControllerScenario.MarkReadyAsync(cluster, running);
        running.Spec.Containers[0].Env.Should().Contain(e => e.Name == "DAPR_API_TOKEN" && e.ValueFrom.SecretKeyRef.Name == "checkout-dapr-api-token");

        // checkout goes: the garbage collector deletes all it owns, the token Secret included; the ConfigMap that
        // orders still owns stays, owned by orders alone.
        await ControllerScenario.DeleteInstanceAsync(cluster, ns, "checkout");
        await Eventually.HoldsAsync(
            async () =>
            {
                var left = await ControllerScenario.ReadOwnedAsync(cluster, ns, "checkout");
                var remaining = left.Present.Where(p => p.Kind != "ConfigMap").Select(p => $"{p.Kind} {p.Metadata.Name}").ToList();
                var anchors = left.TrustAnchors;
                if (anchors is null)
                {
                    remaining.Add("(the trust anchors are gone, though orders still owns them)");
                }
                else if (anchors.Metadata.OwnerReferences.Any(r => r.Uid == checkout.Metadata.Uid))
                {
                    remaining.Add("the trust anchors' owner reference to checkout");
                }

                return remaining.Count == 0 ? null : "still there: " + string.Join(", ", remaining);
            },
            GarbageCollection,
            product);
        var anchorsLeft = (await ControllerScenario.ReadOwnedAsync(cluster, ns, "orders")).TrustAnchors!;
        ControllerScenario.ShouldBeOwnedBy(anchorsLeft.Metadata, orders, controller: false);
        anchorsLeft.Metadata.OwnerReferences.Should().ContainSingle();
        (await ControllerScenario.DaprdPodsAsync(cluster, ns, "checkout")).Should().BeEmpty("the Deployment's ReplicaSet and pods went with it");
        (await cluster.Admin.CoreV1.ReadNamespacedPodAsync("checkout-1", ns)).Status.Phase.Should().Be("Running", "the Secret went while a running pod uses it (see remarks)");

        // The app's pod is still there, but a deleted instance is not brought back by the pods that existed before.
        (await InstanceReader.FindAsync(cluster, ns, "checkout")).Should().BeNull();

        // orders goes: everything of it goes, and with the last instance of the namespace, the trust anchors.
        await ControllerScenario.DeleteInstanceAsync(cluster, ns, "orders");
        await Eventually.HoldsAsync(
            async () =>
            {
                var left = await ControllerScenario.ReadOwnedAsync(cluster, ns, "orders");
                return left.Present.Count == 0 ? null : "still there: " + string.Join(", ", left.Present.Select(p => $"{p.Kind} {p.Metadata.Name}"));
            },
            GarbageCollection,
            product);

        // A new pod of checkout brings a new instance, with a new token: the old one was not kept.
        await cluster.Admin.CoreV1.CreateNamespacedPodAsync(FixturePods.Pod(FixturePods.Checkout, "checkout-2"), ns);
        var again = await InstanceReader.WaitAsync(cluster, ns, "checkout", product);
        again.Metadata.Uid.Should().NotBe(checkout.Metadata.Uid);
        var againOwned = await ControllerScenario.WaitOwnedAsync(cluster, again, SharedStrategy.Deployment, product);
        Encoding.UTF8.GetString(againOwned.Secret!.Data["token"]).Should().NotBe(oldToken, "a new token, though checkout-1 still runs with the old one (see remarks)");
        (await cluster.Admin.CoreV1.ReadNamespacedPodAsync("checkout-1", ns)).Status.Phase.Should().Be("Running");
        (await InstanceReader.FindAsync(cluster, ns, "orders")).Should().BeNull("no new orders pod appeared");
    }

    /// <summary>A deleted instance is not brought back by the pods that were already there, only by a pod that
    /// appears after the deletion. A pod's creationTimestamp has whole seconds, so a pod created in the same second as
    /// the deletion must count as new (it did not: the controller compared times; it now remembers the pods by uid).</summary>
    [RealClusterFact]
    public async Task DeletedInstance_PodAppearingInTheSameSecond_BringsItBack()
    {
        ns = await cluster.CreateNamespaceAsync("gc-same-second");
        await cluster.Admin.CoreV1.CreateNamespacedPodAsync(FixturePods.Pod(FixturePods.Checkout, "checkout-1"), ns);
        var first = await InstanceReader.WaitAsync(cluster, ns, "checkout", product);

        // Early in a second, so that the deletion and the new pod share it.
        await Task.Delay(1000 - DateTime.UtcNow.Millisecond + 20);
        await ControllerScenario.DeleteInstanceAsync(cluster, ns, "checkout");
        var pod = await cluster.Admin.CoreV1.CreateNamespacedPodAsync(FixturePods.Pod(FixturePods.Checkout, "checkout-2"), ns);
        pod.Metadata.Labels.Should().Contain(DaprSharedKeys.AppIdLabel, "checkout", "the webhook injected the new pod");

        var again = await InstanceReader.WaitAsync(cluster, ns, "checkout", product, TimeSpan.FromSeconds(10));
        again.Metadata.Uid.Should().NotBe(first.Metadata.Uid, $"pod {pod.Metadata.Name} (created {pod.Metadata.CreationTimestamp:O}) appeared after the deletion");
    }
}
