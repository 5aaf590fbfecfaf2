using System.Diagnostics;
using DaprShared.Integration.Tests.Infrastructure;
using k8s;
using Xunit.Abstractions;

namespace DaprShared.Integration.Tests;

/// <summary>Two replicas of the product on the real Lease <c>dapr-shared-system/dapr-shared-controller</c>: one
/// leads, and a leader stopped with SIGTERM hands the Lease over at once. The lease timings are the product's
/// defaults (15 s duration, 2 s retry period), on purpose: the release on shutdown makes the hand-over take about
/// one retry period, while an expiry could not come sooner than 15 s after the last renewal (at most one retry
/// period before the SIGTERM), so a hand-over within 10 s can only be the release.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class LeaderElectionTests : IAsyncLifetime
{
    private const string Leader = "dapr_shared_controller_leader";
    private static readonly TimeSpan ReleasedHandOver = TimeSpan.FromSeconds(10);

    private readonly RealCluster cluster;
    private readonly ITestOutputHelper output;
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("dapr-shared-it-leader-");
    private readonly List<ProductProcess> replicas = [];

    public LeaderElectionTests(RealCluster cluster, ITestOutputHelper output)
    {
        this.cluster = cluster;
        this.output = output;
    }

    public Task InitializeAsync() => ControllerLease.DeleteAsync(cluster);

    public async Task DisposeAsync()
    {
        foreach (var replica in replicas)
        {
            // SIGTERM first: a replica that releases the Lease does not make the next test wait for its expiry.
            await replica.TerminateAsync(TimeSpan.FromSeconds(10));
            await replica.DisposeAsync();
        }

        work.Delete(recursive: true);
    }

    [RealClusterFact]
    public async Task TwoReplicas_LeaderTerminated_OtherTakesOverAndReconcilesNewPod()
    {
        var (a, _) = await StartReplicaAsync("replica-a");
        await Eventually.HoldsAsync(async () => await ControllerLease.HolderAsync(cluster) is "replica-a" ? null : "replica-a does not hold the Lease", product: a);
        var (b, bundleOfB) = await StartReplicaAsync("replica-b");

        // b has read the Lease (it logs the holder it saw): from then on it competes and loses every retry period.
        await Eventually.HoldsAsync(() => Task.FromResult(b.LogContains("The leader is replica-a") ? null : "replica-b has not seen the leader"), product: b);
        (await ControllerLease.HolderAsync(cluster)).Should().Be("replica-a");
        (await MetricsExposition.ReadAsync(a, Leader)).Should().Be(1, "the holder of the Lease reports itself as leader");
        (await MetricsExposition.ReadAsync(b, Leader)).Should().Be(0, "exactly one replica leads");
        var transitions = (await ControllerLease.FindAsync(cluster))!.Spec.LeaseTransitions ?? 0;

        // The webhook configuration follows the survivor, as the Service would once a's endpoint is gone.
        await Installed.PointWebhookAtAsync(cluster, b, bundleOfB);
        var clock = Stopwatch.StartNew();
        (await a.TerminateAsync(TimeSpan.FromSeconds(20))).Should().BeTrue("SIGTERM stops the product");
        a.LogContains("Released the lease dapr-shared-system/dapr-shared-controller on shutdown").Should().BeTrue(a.LogText());

        await Eventually.HoldsAsync(async () => await ControllerLease.HolderAsync(cluster) is "replica-b" ? null : "replica-b does not hold the Lease", product: b);
        var handOver = clock.Elapsed;
        output.WriteLine($"hand-over {handOver.TotalMilliseconds:F0} ms after SIGTERM");
        handOver.Should().BeLessThan(ReleasedHandOver, "a released Lease is taken at the next retry, not after it expires");
        var lease = (await ControllerLease.FindAsync(cluster))!;
        lease.Spec.LeaseTransitions.Should().Be(transitions + 1);
        await Eventually.HoldsAsync(async () => await MetricsExposition.ReadAsync(b, Leader) == 1 ? null : "replica-b does not report itself leader", product: b);

        var ns = await cluster.CreateNamespaceAsync("leader");
        var pod = FixturePods.Pod(FixturePods.Orders, "handed-over-1", new Dictionary<string, string?> { ["dapr-shared.io/app-id"] = "handed-over", ["dapr-shared.io/strategy"] = "deployment" });
        var created = await cluster.Admin.CoreV1.CreateNamespacedPodAsync(pod, ns);
        created.Metadata.Annotations.Should().ContainKey("dapr-shared.io/injected", "replica-b's webhook mutated the pod");
        var instance = await InstanceReader.WaitAsync(cluster, ns, "handed-over", b);
        instance.Spec.Strategy.Should().Be("deployment");
    }

    private async Task<(ProductProcess Product, string CaBundle)> StartReplicaAsync(string identity)
    {
        var started = await ProductLauncher.StartReplicaAsync(cluster, Path.Combine(work.FullName, identity), "--Controller:LeaderElection:Identity=" + identity);
        replicas.Add(started.Product);
        return started;
    }
}
