using System.Diagnostics;
using System.Net;
using DaprShared.Integration.Tests.ControlPlane;
using DaprShared.Integration.Tests.Infrastructure;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Xunit.Abstractions;

namespace DaprShared.Integration.Tests;

/// <summary>The API server restarted (SIGKILL, then started again on the same port and etcd) while opted-in pods are
/// being created: the controller resumes its watches and misses no pod. After a restart the API server's watch cache
/// starts at etcd's current revision, so every watch resumed from a resourceVersion seen before gets 410 Gone ("too
/// old resource version") and the informer lists again: a plain restart is enough, no etcd compaction needed.</summary>
/// <remarks>Two settings differ from the defaults. <c>WatchRetryMaxDelay=2s</c>: the informers' backoff grows to
/// 30 s while the server is away, time the test would only wait. <c>RenewDeadline=45s</c> (with a 60 s Lease):
/// with the default 10 s a slow restart on a loaded machine ends the leader's term, and a new term lists afresh
/// instead of resuming its watches, which is the path under test.</remarks>
[Collection(RealClusterCollection.Name)]
public sealed class ApiServerOutageTests : IAsyncLifetime
{
    private const string WatchRestarts = "dapr_shared_controller_watch_restarts_total";

    private readonly RealCluster cluster;
    private readonly ITestOutputHelper output;
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("dapr-shared-it-outage-");
    private ProductProcess? product;

    public ApiServerOutageTests(RealCluster cluster, ITestOutputHelper output)
    {
        this.cluster = cluster;
        this.output = output;
    }

    public async Task InitializeAsync()
    {
        await ControllerLease.DeleteAsync(cluster);
        product = await Installed.StartProductAsync(
            cluster,
            work.FullName,
            "--Controller:Reconciler:WatchRetryMaxDelay=00:00:02",
            "--Controller:LeaderElection:LeaseDuration=00:01:00",
            "--Controller:LeaderElection:RenewDeadline=00:00:45");
    }

    public async Task DisposeAsync()
    {
        if (product is not null)
        {
            await product.TerminateAsync(TimeSpan.FromSeconds(10));
            await product.DisposeAsync();
        }

        work.Delete(recursive: true);
    }

    [RealClusterFact]
    public async Task ApiServerRestarted_WhilePodsAreCreated_EveryAppIdGetsItsInstance()
    {
        var ns = await cluster.CreateNamespaceAsync("outage");
        await CreateAsync(ns, "before-1");
        await CreateAsync(ns, "before-2");
        await InstanceReader.WaitAsync(cluster, ns, "before-1", product);
        await InstanceReader.WaitAsync(cluster, ns, "before-2", product);
        var expiredBefore = await MetricsExposition.ReadAsync(product!, WatchRestarts, ("resource", "pods"), ("reason", "expired")) ?? 0;

        var clock = Stopwatch.StartNew();
        var restart = cluster.Plane.RestartAsync(LocalControlPlane.Names.ApiServer);
        var refused = 0;
        foreach (var appId in new[] { "during-1", "during-2" })
        {
            refused += await CreateWithRetryAsync(ns, appId);
        }

        output.WriteLine($"during pods created after {clock.Elapsed}, {refused} refused");
        await restart;
        output.WriteLine($"restart done after {clock.Elapsed}");
        refused.Should().BePositive("the first creates hit the outage");

        await Eventually.HoldsAsync(
            async () => await MetricsExposition.ReadAsync(product!, WatchRestarts, ("resource", "pods"), ("reason", "expired")) > expiredBefore
                ? null
                : "the pod watch was not answered 410 Gone; the API server's log ends:\n" + cluster.Plane.Tail(LocalControlPlane.Names.ApiServer, 20),
            TimeSpan.FromSeconds(60),
            product);
        output.WriteLine($"pods watch expired after {clock.Elapsed}");
        product!.LogContains("Stopped leading").Should().BeFalse("the leader kept its term through the outage, so its informers resumed their watches rather than a new term listing afresh");
        await CreateAsync(ns, "after-1");
        await CreateAsync(ns, "after-2");

        foreach (var appId in new[] { "before-1", "before-2", "during-1", "during-2", "after-1", "after-2" })
        {
            await InstanceReader.WaitAsync(cluster, ns, appId, product, TimeSpan.FromSeconds(60));
        }

        output.WriteLine($"all instances after {clock.Elapsed}");
    }

    private Task<V1Pod> CreateAsync(string ns, string appId) =>
        cluster.Admin.CoreV1.CreateNamespacedPodAsync(OptedIn(appId), ns);

    private static V1Pod OptedIn(string appId) =>
        FixturePods.Pod(FixturePods.Orders, appId + "-pod", new Dictionary<string, string?> { ["dapr-shared.io/app-id"] = appId, ["dapr-shared.io/strategy"] = "deployment" });

    /// <summary>Creates the pod, retrying while the API server is down or starting; returns how many tries failed.</summary>
    private async Task<int> CreateWithRetryAsync(string ns, string appId)
    {
        var failures = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                await CreateAsync(ns, appId);
                return failures;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
            {
                return failures; // an earlier try was stored but its answer lost with the server
            }
            catch (Exception e) when (e is HttpRequestException or HttpOperationException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                failures++;
                output.WriteLine($"create {appId}: {e.GetType().Name} {e.Message}");
                await Task.Delay(250);
            }
        }
    }
}
