using System.Net;
using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Tests.Support;
using DaprShared.Core.Instances;
using DaprShared.FakeKubeApi;
using DaprShared.Kubernetes.Runtime;
using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace DaprShared.Controller.Tests.Reconciliation;

/// <summary>Watches that expire, an API server that goes away, slow and failing responses.</summary>
[Collection(ControllerCollection.Name)]
public sealed class ResilienceTests(ITestOutputHelper output)
{
    private const string Ns = "shop";

    [Fact]
    public async Task WatchExpired410_ListsAgainAndStillRepairs()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var controller = harness.StartController();
        await harness.PutReadyPodAsync(Ns, "orders");
        var lists = harness.Server.Requests.Count(r => r.Verb == Verbs.List);

        // etcd compaction: every resourceVersion handed out so far is gone, and every open watch is told so.
        harness.Store.CompactHistory();
        harness.Store.ExpireWatches().Should().BeGreaterThan(5);

        await ControllerHarness.WaitUntilAsync(
            () => harness.Server.Requests.Count(r => r.Verb == Verbs.List) >= lists + 9, "every informer listed again");
        controller.Metrics.WatchRestarts.WithLabels("services", "expired").Value.Should().BeGreaterThan(0);

        await harness.Client.CoreV1.DeleteNamespacedServiceAsync("orders-dapr", Ns);
        await ControllerHarness.WaitUntilAsync(() => harness.Store.Get<V1Service>(Ns, "orders-dapr") is not null, "the Service is restored through the new watch");
    }

    [Fact]
    public async Task WatchRequestAnswered410_ListsAgainAndStillRepairs()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var controller = harness.StartController();
        await harness.PutReadyPodAsync(Ns, "orders");
        var lists = harness.Server.Requests.Count(r => r.Verb == Verbs.List);

        // Streams end normally (a watch timeout); resuming them is answered with HTTP 410 instead of a stream.
        var gone = harness.Server.Faults.FailNext(9, HttpStatusCode.Gone, r => r.IsWatch);
        harness.Store.CloseWatches();

        await ControllerHarness.WaitUntilAsync(() => gone.Hits == 9, "every informer tried to resume");
        await ControllerHarness.WaitUntilAsync(
            () => harness.Server.Requests.Count(r => r.Verb == Verbs.List) >= lists + 9, "every informer listed again");

        await harness.Client.CoreV1.DeleteNamespacedServiceAsync("orders-dapr-local", Ns);
        await ControllerHarness.WaitUntilAsync(() => harness.Store.Get<V1Service>(Ns, "orders-dapr-local") is not null, "the Service is restored");
    }

    [Fact]
    public async Task ApiServerDown_NoHotLoopAndRecoversWhenBack()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var controller = harness.StartController();
        await harness.PutReadyPodAsync(Ns, "orders");

        await harness.Server.StopAsync();
        var before = controller.Handler.Attempts;
        await Task.Delay(3000);
        var during = controller.Handler.Attempts - before;
        output.WriteLine($"requests attempted while the API server was down for 3 s: {during}");

        // Nine informers backing off from 100 ms to 1 s and a lease candidate retrying every 250 ms make about a
        // hundred attempts in 3 s; a hot loop makes thousands.
        during.Should().BeLessThan(150);
        controller.IsLeader.Should().BeFalse("a leader that cannot renew its lease stops leading");

        await harness.Server.RestartAsync();
        await ControllerHarness.WaitUntilAsync(() => controller.IsLeader, "the controller leads again", TimeSpan.FromSeconds(15));
        await harness.Client.CoreV1.DeleteNamespacedServiceAsync("orders-dapr", Ns);
        harness.PutPod(Ns, "cart-1", "cart");
        await ControllerHarness.WaitUntilAsync(
            () => harness.Store.Get<V1Service>(Ns, "orders-dapr") is not null, "the Service deleted after the outage is restored", TimeSpan.FromSeconds(15));
        await harness.WaitForReadyAsync(Ns, "cart", TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task FailingWrites_RetriedWithBackoffUntilTheyWork()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var failures = harness.Server.Faults.FailAll(HttpStatusCode.InternalServerError, r => r.Verb == Verbs.Patch && r.Resource == "daemonsets");
        var controller = harness.StartController();

        harness.PutPod(Ns, "orders-1", "orders");
        await ControllerHarness.WaitUntilAsync(() => failures.Hits > 0, "the first apply fails");
        await Task.Delay(3000);

        // Backoff 50 ms doubling to 1 s: about seven retries in 3 s (a few more when other events requeue the key).
        output.WriteLine($"failed applies in 3 s: {failures.Hits}");
        failures.Hits.Should().BeInRange(4, 12);
        controller.ReconcilesWith(ControllerMetrics.ResultError).Should().BeGreaterThanOrEqualTo(4);
        harness.Condition(Ns, "orders", Core.Instances.InstanceConditions.Ready)?.Status.Should().NotBe("True");

        failures.Remove();
        await harness.WaitForReadyAsync(Ns, "orders", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task SlowApiServer_StillConverges()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.Server.Faults.Delay(TimeSpan.FromMilliseconds(150), r => !r.IsWatch && r.Resource != "leases");
        harness.StartController();

        harness.PutPod(Ns, "orders-1", "orders");

        await harness.WaitForReadyAsync(Ns, "orders", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task HungRequest_ReconcileTimesOutAndRetries()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.Server.Faults.Delay(TimeSpan.FromSeconds(30), r => r.Verb == Verbs.Patch && r.Resource == "services", count: 1);
        var controller = harness.StartController(reconciler: o => o.ReconcileTimeout = TimeSpan.FromSeconds(1));

        harness.PutPod(Ns, "orders-1", "orders");

        await harness.WaitForReadyAsync(Ns, "orders", TimeSpan.FromSeconds(20));
        controller.ReconcilesWith(ControllerMetrics.ResultError).Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task FailingWatches_BackOff()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var rule = harness.Server.Faults.FailAll(HttpStatusCode.ServiceUnavailable, r => r.Resource == "services" && (r.IsWatch || r.Verb == Verbs.List));
        var controller = harness.StartController();
        await ControllerHarness.WaitUntilAsync(() => controller.IsLeader, "leading");
        await Task.Delay(3000);

        // Backoff 100 ms, 200, 400, 800, then every 1 s (±20 %): about seven attempts in 3 s.
        rule.Hits.Should().BeInRange(3, 12);
        rule.Remove();
        harness.PutPod(Ns, "orders-1", "orders");
        await harness.WaitForReadyAsync(Ns, "orders", TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task PodWatchRefused_WarnsOnceShowsTheCacheFailingAndRecovers()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var controller = harness.StartController();
        await harness.PutReadyPodAsync(Ns, "orders");
        Pods(controller).IsHealthy.Should().BeTrue();

        // What a kube-apiserver did with a wrong Accept header: every pod watch refused, every other one fine.
        var refused = harness.Server.Faults.FailAll(HttpStatusCode.NotAcceptable, r => r.IsWatch && r.Resource == "pods");
        harness.Store.CloseWatches();
        // The server counts a refusal before the controller has read it: wait for the controller's own count.
        await ControllerHarness.WaitUntilAsync(
            () => refused.Hits >= 4 && controller.Metrics.WatchFailures.WithLabels("pods", "http_error").Value >= 4, "the pod watch was retried a few times");

        var pods = Pods(controller);
        pods.State.Should().Be(CacheState.Failing);
        pods.Synced.Should().BeTrue("the cache was listed; it is stale, not empty");
        pods.LastError.Should().Contain("HTTP 406");
        controller.Logs.Lines.Where(l => l.Contains("[3020]", StringComparison.Ordinal) && l.Contains("Watch of pods", StringComparison.Ordinal))
            .Should().ContainSingle("one Warning per run of failures, not one per retry");
        controller.Metrics.WatchFailures.WithLabels("pods", "http_error").Value.Should().BeGreaterThanOrEqualTo(4);
        controller.Metrics.WatchHealthy.WithLabels("pods").Value.Should().Be(0);

        refused.Remove();
        harness.PutPod(Ns, "cart-1", "cart");
        await ControllerHarness.WaitUntilAsync(() => Pods(controller).IsHealthy, "the pod watch works again");
        controller.Logs.Lines.Should().ContainSingle(l => l.Contains("[3025]", StringComparison.Ordinal) && l.Contains("Watch of pods healthy again", StringComparison.Ordinal));
        controller.Metrics.WatchHealthy.WithLabels("pods").Value.Should().Be(1);
        await harness.WaitForReadyAsync(Ns, "cart");
    }

    private static CacheStatus Pods(RunningController controller) =>
        controller.Controller.CacheStatus.Caches.Single(c => c.Resource == "pods");
}
