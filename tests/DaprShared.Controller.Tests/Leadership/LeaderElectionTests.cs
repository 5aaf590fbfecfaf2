using System.Diagnostics;
using DaprShared.Controller.Tests.Support;
using DaprShared.FakeKubeApi;
using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace DaprShared.Controller.Tests.Leadership;

/// <summary>Two replicas sharing one API server: one Lease, one writer, hand-over within the lease duration.</summary>
[Collection(ControllerCollection.Name)]
public sealed class LeaderElectionTests(ITestOutputHelper output)
{
    private const string Ns = "shop";

    [Fact]
    public async Task TwoReplicas_OnlyTheLeaderWrites_FollowerTakesOverWhenLeaderStops()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var a = harness.StartController("a");
        await ControllerHarness.WaitUntilAsync(() => a.IsLeader, "a leads");
        var b = harness.StartController("b");
        await harness.PutReadyPodAsync(Ns, "orders");
        await Task.Delay(1000);

        b.IsLeader.Should().BeFalse();
        b.Handler.Writes.Should().Be(0, "a follower sends nothing but lease requests");
        b.Metrics.IsLeader.Value.Should().Be(0);
        a.Metrics.IsLeader.Value.Should().Be(1);
        a.Handler.Writes.Should().BeGreaterThan(0);

        var clock = Stopwatch.StartNew();
        await a.StopAsync();
        await ControllerHarness.WaitUntilAsync(() => b.IsLeader, "b takes over", TimeSpan.FromSeconds(5));
        output.WriteLine($"hand-over after a graceful stop took {clock.ElapsedMilliseconds} ms");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "a stopping leader releases the lease, so hand-over is faster than the lease duration");

        await harness.PutReadyPodAsync(Ns, "cart");
        b.Handler.Writes.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task LeaderCutOff_StopsAtOnceAndTheOtherTakesOverWithinTheLeaseDuration()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var a = harness.StartController("a");
        await ControllerHarness.WaitUntilAsync(() => a.IsLeader, "a leads");
        var b = harness.StartController("b");
        await harness.PutReadyPodAsync(Ns, "orders");

        // A network partition: a cannot renew, and cannot release the lease either.
        var clock = Stopwatch.StartNew();
        a.Handler.Partitioned = true;
        await ControllerHarness.WaitUntilAsync(() => !a.IsLeader, "a stops leading", TimeSpan.FromSeconds(3));
        output.WriteLine($"a stopped leading after {clock.ElapsedMilliseconds} ms");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(1600), "work stops no later than the renew deadline");

        await ControllerHarness.WaitUntilAsync(() => b.IsLeader, "b takes over", TimeSpan.FromSeconds(6));
        output.WriteLine($"b took over after {clock.ElapsedMilliseconds} ms");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3.5), "the lease (2 s) expires and b acquires it on its next try");
        var writesBefore = a.Handler.Writes;

        await harness.Client.CoreV1.DeleteNamespacedServiceAsync("orders-dapr", Ns);
        await ControllerHarness.WaitUntilAsync(() => harness.Store.Get<V1Service>(Ns, "orders-dapr") is not null, "b repairs");

        // When the partition heals, a finds b holding the lease and stays a follower.
        a.Handler.Partitioned = false;
        await Task.Delay(1500);
        a.IsLeader.Should().BeFalse();
        b.IsLeader.Should().BeTrue();
        a.Handler.Writes.Should().Be(writesBefore);
        var lease = harness.Store.Get<V1Lease>(ControllerHarness.LeaseNamespace, "dapr-shared-controller")!;
        lease.Spec.HolderIdentity.Should().Be("controller-b");
        lease.Spec.LeaseTransitions.Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task LeaderElectionOff_ReconcilesWithoutALease()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var a = harness.StartController("a", election: o => o.Enabled = false);
        await harness.PutReadyPodAsync(Ns, "orders");
        a.IsLeader.Should().BeTrue();
        harness.Server.Requests.All.Should().NotContain(r => r.Resource == "leases");
    }

    [Fact]
    public async Task Stopped_ReleasesTheLease()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var a = harness.StartController("a");
        await ControllerHarness.WaitUntilAsync(() => a.IsLeader, "a leads");
        await a.StopAsync();
        var lease = harness.Store.Get<V1Lease>(ControllerHarness.LeaseNamespace, "dapr-shared-controller")!;
        lease.Spec.HolderIdentity.Should().BeEmpty();
        harness.Server.Requests.All.Should().Contain(r => r.Resource == "leases" && r.Verb == Verbs.Update);
    }
}
