using System.Text;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.Integration.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace DaprShared.Integration.Tests;

/// <summary>Drift is repaired (DESIGN §4): a field of an owned object changed by another field manager is put back
/// (server-side apply, forced, takes the field back), a deleted owned object is recreated. The API-token Secret is
/// the exception the code documents: the controller never reads Secrets, so a deleted one comes back only on a
/// reconcile that finds the workload unavailable, at most once per recheck period, with a new token.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class ControllerRepairTests : IAsyncLifetime
{
    private readonly RealCluster cluster;
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("dapr-shared-it-product-");
    private ProductProcess? product;
    private string? ns;

    public ControllerRepairTests(RealCluster cluster) => this.cluster = cluster;

    // The recheck period also paces the token Secret's re-creation; 2 s instead of a minute keeps the test short.
    public async Task InitializeAsync() => product = await ControllerScenario.StartAsync(cluster, work.FullName, "--Controller:Reconciler:ConflictRecheckPeriod=00:00:02");

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
    public async Task ChangedOrDeletedOwnedObjects_AreRepaired()
    {
        ns = await cluster.CreateNamespaceAsync("repair");
        var bundle = await ControllerScenario.EnsureTrustBundleAsync(cluster);
        await cluster.Admin.CoreV1.CreateNamespacedPodAsync(FixturePods.Pod(FixturePods.Checkout, "checkout-1"), ns);
        await cluster.Admin.CoreV1.CreateNamespacedPodAsync(FixturePods.Pod(FixturePods.Orders, "orders-1"), ns);
        var checkout = await InstanceReader.WaitAsync(cluster, ns, "checkout", product);
        var orders = await InstanceReader.WaitAsync(cluster, ns, "orders", product);
        var original = await ControllerScenario.WaitOwnedAsync(cluster, checkout, SharedStrategy.Deployment, product);
        await ControllerScenario.WaitOwnedAsync(cluster, orders, SharedStrategy.DaemonSet, product);
        var core = cluster.Admin.CoreV1;
        var apps = cluster.Admin.AppsV1;
        const string workload = "checkout-dapr-shared";

        // replicas, as `kubectl scale` sets them: through the scale subresource.
        await apps.PatchNamespacedDeploymentScaleAsync(Merge("""{"spec":{"replicas":3}}"""), workload, ns, fieldManager: ControllerScenario.Intruder);
        var deployment = await RepairedAsync("Deployment replicas", async () => (await apps.ReadNamespacedDeploymentAsync(workload, ns)) is var d && d.Spec.Replicas == 1 ? d : null);
        OwnsField(deployment.Metadata, ControllerScenario.Intruder, "f:replicas").Should().BeFalse("the forced apply took spec.replicas back from the other manager");

        // the daprd image, as `kubectl set image` would.
        await apps.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"daprd","image":"registry.example/not-daprd:6.6.6"}]}}}}""", V1Patch.PatchType.StrategicMergePatch),
            workload, ns, fieldManager: ControllerScenario.Intruder);
        deployment = await RepairedAsync("Deployment image", async () => (await apps.ReadNamespacedDeploymentAsync(workload, ns)) is var d && d.Spec.Template.Spec.Containers.Single(c => c.Name == "daprd").Image == ControllerScenario.DaprdImage ? d : null);
        OwnsField(deployment.Metadata, ControllerScenario.Intruder, "f:image").Should().BeFalse();

        // a Service port's target changed.
        await core.PatchNamespacedServiceAsync(
            new V1Patch("""[{"op":"test","path":"/spec/ports/0/name","value":"dapr-http"},{"op":"replace","path":"/spec/ports/0/targetPort","value":9999}]""", V1Patch.PatchType.JsonPatch),
            "checkout-dapr", ns, fieldManager: ControllerScenario.Intruder);
        await RepairedAsync("Service targetPort of dapr-http", async () => (await core.ReadNamespacedServiceAsync("checkout-dapr", ns)) is var s && s.Spec.Ports.Single(p => p.Name == "dapr-http").TargetPort.Value == "dapr-http" ? s : null);

        // the local Service's traffic policy: the point of the daemonset strategy.
        await core.PatchNamespacedServiceAsync(Merge("""{"spec":{"internalTrafficPolicy":"Cluster"}}"""), "orders-dapr-local", ns, fieldManager: ControllerScenario.Intruder);
        await RepairedAsync("local Service internalTrafficPolicy", async () => (await core.ReadNamespacedServiceAsync("orders-dapr-local", ns)) is var s && s.Spec.InternalTrafficPolicy == "Local" ? s : null);

        // a label, the managed-by label itself (the object then drops out of the controller's labelled watch).
        await core.PatchNamespacedServiceAccountAsync(Merge("""{"metadata":{"labels":{"app.kubernetes.io/managed-by":"someone-else"}}}"""), workload, ns, fieldManager: ControllerScenario.Intruder);
        await RepairedAsync("ServiceAccount managed-by label", async () => (await core.ReadNamespacedServiceAccountAsync(workload, ns)) is var a && a.Metadata.Labels[DaprSharedKeys.ManagedByLabel] == DaprSharedKeys.ManagedByValue ? a : null);

        // the trust anchors' content.
        await core.PatchNamespacedConfigMapAsync(Merge("""{"data":{"ca.crt":"tampered"}}"""), SharedObjectNames.TrustAnchorsConfigMap, ns, fieldManager: ControllerScenario.Intruder);
        await RepairedAsync("trust anchors ca.crt", async () => (await core.ReadNamespacedConfigMapAsync(SharedObjectNames.TrustAnchorsConfigMap, ns)) is var c && c.Data["ca.crt"] == bundle ? c : null);

        // Deleted objects come back: new objects (new uid), owned by the instance again.
        await core.DeleteNamespacedServiceAsync("checkout-dapr", ns);
        await cluster.Admin.PolicyV1.DeleteNamespacedPodDisruptionBudgetAsync(workload, ns);
        await apps.DeleteNamespacedDeploymentAsync(workload, ns);
        await core.DeleteNamespacedServiceAsync("orders-dapr-local", ns);
        var recreated = await ControllerScenario.WaitOwnedAsync(cluster, checkout, SharedStrategy.Deployment, product);
        recreated.Service!.Metadata.Uid.Should().NotBe(original.Service!.Metadata.Uid);
        recreated.PodDisruptionBudget!.Metadata.Uid.Should().NotBe(original.PodDisruptionBudget!.Metadata.Uid);
        recreated.Deployment!.Metadata.Uid.Should().NotBe(original.Deployment!.Metadata.Uid);
        ControllerScenario.ShouldBeOwnedBy(recreated.Service.Metadata, checkout);
        ControllerScenario.ShouldBeOwnedBy(recreated.Deployment.Metadata, checkout);
        recreated.Service.Spec.Ports.Select(p => (p.Name, p.Port)).Should().BeEquivalentTo(new[] { ("dapr-http", 3500), ("dapr-grpc", 50001), ("dapr-internal", 50002), ("dapr-metrics", 9090) });
        var ordersOwned = await ControllerScenario.WaitOwnedAsync(cluster, orders, SharedStrategy.DaemonSet, product);
        ordersOwned.LocalService!.Spec.InternalTrafficPolicy.Should().Be("Local");

        // The token Secret: no watch sees it go (the controller may not read Secrets); a reconcile at least one
        // recheck period after the last one that ensured it creates it again, with a new token. Any change to the
        // instance brings a reconcile.
        await core.DeleteNamespacedSecretAsync("checkout-dapr-api-token", ns);
        var nudges = 0;
        var secret = await Eventually.ReturnsAsync(
            async () =>
            {
                if (await ControllerScenario.FindAsync(() => core.ReadNamespacedSecretAsync("checkout-dapr-api-token", ns)) is { } found)
                {
                    return found;
                }

                await cluster.Admin.CustomObjects.PatchNamespacedCustomObjectAsync(
                    Merge("""{"metadata":{"annotations":{"integration/nudge":"%"}}}""".Replace("%", (++nudges).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)), DaprSharedInstance.Group, DaprSharedInstance.Version, ns, DaprSharedInstance.Plural, "checkout");
                await Task.Delay(500);
                return null;
            },
            "the API-token Secret created again",
            product: product);
        secret.Metadata.Uid.Should().NotBe(original.Secret!.Metadata.Uid);
        Encoding.UTF8.GetString(secret.Data["token"]).Should().NotBe(Encoding.UTF8.GetString(original.Secret.Data["token"]), "a new random token");
        ControllerScenario.ShouldBeOwnedBy(secret.Metadata, checkout, operation: "Update");

        // Repairs are not conflicts: nothing was reported as one.
        var events = await ControllerScenario.EventsAboutAsync(cluster, ns, checkout.Metadata.Uid);
        events.Should().NotContain(e => e.Reason == "ObjectConflict");
        (await InstanceReader.FindAsync(cluster, ns, "checkout"))!.Metadata.Generation.Should().Be(checkout.Metadata.Generation, "a repair never changes the instance's spec");
    }

    /// <summary>A renumbered port is the drift server-side apply cannot take back by itself: the port number is the
    /// key of a Service's ports list, so the other manager's entry (3600, named dapr-http) stays beside the applied
    /// one (3500, dapr-http) and the API server refuses the duplicate name. The controller deletes its own Service and
    /// creates it again.</summary>
    [RealClusterFact]
    public async Task ServicePortRenumbered_IsPutBack()
    {
        ns = await cluster.CreateNamespaceAsync("repair-port");
        await cluster.Admin.CoreV1.CreateNamespacedPodAsync(FixturePods.Pod(FixturePods.Checkout, "checkout-1"), ns);
        var checkout = await InstanceReader.WaitAsync(cluster, ns, "checkout", product);
        await ControllerScenario.WaitOwnedAsync(cluster, checkout, SharedStrategy.Deployment, product);
        var core = cluster.Admin.CoreV1;

        await core.PatchNamespacedServiceAsync(
            new V1Patch("""[{"op":"test","path":"/spec/ports/0/name","value":"dapr-http"},{"op":"replace","path":"/spec/ports/0/port","value":3600}]""", V1Patch.PatchType.JsonPatch),
            "checkout-dapr", ns, fieldManager: ControllerScenario.Intruder);

        await Eventually.HoldsAsync(
            async () =>
            {
                var ports = (await core.ReadNamespacedServiceAsync("checkout-dapr", ns)).Spec.Ports;
                return ports.Any(p => p.Name == "dapr-http" && p.Port == 3500)
                    ? null
                    : "Service checkout-dapr ports: " + string.Join(", ", ports.Select(p => $"{p.Name} {p.Port}"));
            },
            TimeSpan.FromSeconds(10),
            product);
    }

    private static V1Patch Merge(string json) => new(json, V1Patch.PatchType.MergePatch);

    private Task<T> RepairedAsync<T>(string what, Func<Task<T?>> repaired)
        where T : class =>
        Eventually.ReturnsAsync(repaired, what + " put back", product: product);

    /// <summary>Whether <paramref name="manager"/>'s managedFields entries own a field named <paramref name="field"/>.</summary>
    private static bool OwnsField(V1ObjectMeta meta, string manager, string field) =>
        meta.ManagedFields.Where(m => m.Manager == manager).Any(m => m.FieldsV1?.ToString()?.Contains($"\"{field}\"", StringComparison.Ordinal) == true);
}
