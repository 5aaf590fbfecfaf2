using System.Text.Json.Nodes;
using DaprShared.Integration.Tests.Infrastructure;
using DaprShared.TestData;
using k8s;
using k8s.Models;

namespace DaprShared.Integration.Tests;

/// <summary>Whether the controller sees the cluster, as an operator would check it on a real API server: the
/// <c>/readyz</c> detail, the cache gauges, and a watch the server refuses logged once at Warning with the server's
/// reason. The first release's controller watched pods with a media type kube-apiserver refuses on every attempt and
/// said so only at Debug.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class ControllerVisibilityTests
{
    private const string ControllerRole = "dapr-shared-controller";
    private const string WatchFailed = "Watch of pods failed (";

    private readonly RealCluster cluster;

    public ControllerVisibilityTests(RealCluster cluster) => this.cluster = cluster;

    [RealClusterFact]
    public async Task Installed_EveryCacheSyncedAndWatching_ReadyzAndGaugesSaySo()
    {
        using var work = new WorkFolder();
        await using var product = await Installed.StartProductAsync(cluster, work.Path);

        await Eventually.HoldsAsync(
            async () =>
            {
                var readyz = await ReadyzAsync(product);
                return readyz.Contains("controller-caches: Healthy - leader: all", StringComparison.Ordinal) ? null : "readyz: " + readyz;
            },
            product: product);
        var exposition = await MetricsExposition.ScrapeAsync(product);
        MetricsText.Sum(exposition, "dapr_shared_controller_watch_healthy", ("resource", "pods")).Should().Be(1);
        MetricsText.Sum(exposition, "dapr_shared_controller_cache_synced", ("resource", "pods")).Should().Be(1);
        MetricsText.Sum(exposition, "dapr_shared_controller_watch_failures_total", ("resource", "pods")).Should().BeNull("no pod watch failed");
        product.LogContains(WatchFailed).Should().BeFalse();
    }

    [RealClusterFact]
    public async Task PodWatchForbidden_WarnsOnceWithTheServerReason_ThenRecovers()
    {
        using var work = new WorkFolder();
        await Installed.EnsureAsync(cluster);
        await SetPodVerbsAsync("list");
        try
        {
            await using var product = await Installed.StartProductAsync(cluster, work.Path, "--Controller:Reconciler:WatchRetryMaxDelay=00:00:01");

            await Eventually.HoldsAsync(
                async () =>
                {
                    var failures = await MetricsExposition.ReadAsync(product, "dapr_shared_controller_watch_failures_total", ("resource", "pods"));
                    var readyz = await ReadyzAsync(product);
                    return failures >= 3 && readyz.Contains("controller-caches: Degraded", StringComparison.Ordinal) && readyz.Contains("pods watch failing", StringComparison.Ordinal)
                        ? null
                        : $"{failures} pod watch failures counted; readyz: {readyz}";
                },
                TimeSpan.FromSeconds(60),
                product);

            var warnings = product.Lines.Where(l => l.Contains(WatchFailed, StringComparison.Ordinal)).ToList();
            warnings.Should().ContainSingle("a run of failures is logged at Warning once, not per retry");
            warnings[0].Should().Contain("forbidden", "the line carries the API server's reason");
            (await ReadyzAsync(product)).Should().Contain("cannot watch resource", "the readyz detail names the server's reason");

            await SetPodVerbsAsync("list", "watch");
            await Eventually.HoldsAsync(
                async () => (await ReadyzAsync(product)).Contains("controller-caches: Healthy", StringComparison.Ordinal) && product.LogContains("Watch of pods healthy again")
                    ? null
                    : "the pod watch has not recovered: " + await ReadyzAsync(product),
                TimeSpan.FromSeconds(60),
                product);
        }
        finally
        {
            await SetPodVerbsAsync("list", "watch");
        }
    }

    /// <summary>Replaces the verbs of the controller ClusterRole's pods rule (RBAC applies at once).</summary>
    private async Task SetPodVerbsAsync(params string[] verbs)
    {
        var role = await cluster.Admin.RbacAuthorizationV1.ReadClusterRoleAsync(ControllerRole);
        var index = role.Rules.ToList().FindIndex(r => r.Resources.SequenceEqual(["pods"]) && r.ApiGroups.SequenceEqual([""]));
        index.Should().BeGreaterThanOrEqualTo(0, "deploy/ grants the controller a rule for pods");
        var patch = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = $"/rules/{index}/verbs", ["value"] = new JsonArray([.. verbs.Select(v => JsonValue.Create(v))]) });
        await cluster.Admin.RbacAuthorizationV1.PatchClusterRoleAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), ControllerRole);
    }

    private static async Task<string> ReadyzAsync(ProductProcess product)
    {
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { Timeout = TimeSpan.FromSeconds(5) };
        return await http.GetStringAsync(new Uri(product.BaseUri, "/readyz"));
    }
}
