using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.Integration.Tests.Infrastructure;
using k8s;

namespace DaprShared.Integration.Tests;

/// <summary>An idle controller writes nothing: with both strategies' instances Ready and every object in place, the
/// API server sees no change to any of them, and the product counts no write.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class ControllerIdleTests : IAsyncLifetime
{
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(15);

    private readonly RealCluster cluster;
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("dapr-shared-it-product-");
    private ProductProcess? product;
    private string? ns;

    public ControllerIdleTests(RealCluster cluster) => this.cluster = cluster;

    public async Task InitializeAsync()
    {
        await cluster.EnsureReadyNodesAsync(ControllerDaprdPodsTests.Nodes);
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
    public async Task EverythingReady_NoWriteFor15Seconds()
    {
        ns = await cluster.CreateNamespaceAsync("idle");
        await cluster.Admin.CoreV1.CreateNamespacedPodAsync(FixturePods.Pod(FixturePods.Orders, "orders-1"), ns);
        await cluster.Admin.CoreV1.CreateNamespacedPodAsync(FixturePods.Pod(FixturePods.Checkout, "checkout-1"), ns);
        var orders = await InstanceReader.WaitAsync(cluster, ns, "orders", product);
        var checkout = await InstanceReader.WaitAsync(cluster, ns, "checkout", product);
        await ControllerScenario.WaitOwnedAsync(cluster, orders, SharedStrategy.DaemonSet, product);
        await ControllerScenario.WaitOwnedAsync(cluster, checkout, SharedStrategy.Deployment, product);

        // Every daprd pod ready (a kubelet's report), so both instances become Ready.
        await Eventually.HoldsAsync(
            async () =>
            {
                var pending = (await ControllerScenario.DaprdPodsAsync(cluster, ns, "orders"))
                    .Concat(await ControllerScenario.DaprdPodsAsync(cluster, ns, "checkout"))
                    .Where(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") != true)
                    .ToList();
                foreach (var pod in pending)
                {
                    await ControllerScenario.MarkReadyAsync(cluster, pod);
                }

                var readyOrders = ControllerScenario.Condition((await InstanceReader.FindAsync(cluster, ns, "orders"))!, InstanceConditions.Ready);
                var readyCheckout = ControllerScenario.Condition((await InstanceReader.FindAsync(cluster, ns, "checkout"))!, InstanceConditions.Ready);
                return readyOrders?.Status == "True" && readyCheckout?.Status == "True"
                    ? null
                    : $"Ready: orders {readyOrders?.Status}/{readyOrders?.Message}, checkout {readyCheckout?.Status}/{readyCheckout?.Message}";
            },
            product: product);

        // Settled: kube-controller-manager's last status updates are in, the controller's last writes done (nothing
        // moved for a second).
        IReadOnlyDictionary<string, string> before = new Dictionary<string, string>();
        IReadOnlyDictionary<string, double> writesBefore = new Dictionary<string, double>();
        await Eventually.HoldsAsync(
            async () =>
            {
                var first = await SnapshotAsync();
                var firstWrites = await ControllerScenario.WritesAsync(product!);
                await Task.Delay(1000);
                before = await SnapshotAsync();
                writesBefore = await ControllerScenario.WritesAsync(product!);
                var changes = Changes(first, before) + WriteChanges(firstWrites, writesBefore);
                return changes.Length > 0 ? "still changing: " + changes : null;
            },
            product: product);

        await Task.Delay(IdleWindow);

        var after = await SnapshotAsync();
        var writesAfter = await ControllerScenario.WritesAsync(product!);
        Changes(before, after).Should().BeEmpty($"nothing may change while idle ({IdleWindow.TotalSeconds} s)\n{product!.LogText(30)}");
        WriteChanges(writesBefore, writesAfter).Should().BeEmpty($"dapr_shared_controller_api_writes_total must not grow while idle\n{product.LogText(30)}");
        writesBefore.Values.Sum().Should().BePositive("the controller did write while provisioning, so the counter is the one that counts");
    }

    /// <summary>resourceVersion of both instances and of every object they own.</summary>
    private async Task<IReadOnlyDictionary<string, string>> SnapshotAsync()
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var appId in new[] { "orders", "checkout" })
        {
            var instance = await InstanceReader.FindAsync(cluster, ns!, appId);
            versions[$"DaprSharedInstance {appId}"] = instance?.Metadata.ResourceVersion ?? "(absent)";
            foreach (var (name, version) in (await ControllerScenario.ReadOwnedAsync(cluster, ns!, appId)).ResourceVersions)
            {
                versions[name] = version;
            }
        }

        return versions;
    }

    private static string WriteChanges(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b) =>
        string.Join(", ", a.Keys.Union(b.Keys)
            .Where(k => a.GetValueOrDefault(k) != b.GetValueOrDefault(k))
            .Select(k => $"writes{k}: {a.GetValueOrDefault(k)} -> {b.GetValueOrDefault(k)}"));

    private static string Changes(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        string.Join(", ", a.Keys.Union(b.Keys)
            .Where(k => a.GetValueOrDefault(k) != b.GetValueOrDefault(k))
            .Select(k => $"{k}: {a.GetValueOrDefault(k) ?? "(absent)"} -> {b.GetValueOrDefault(k) ?? "(absent)"}"));
}
