using System.Globalization;
using System.Net;
using System.Text.Json;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.TestData;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>What the controller scenarios share: Dapr's trust bundle, the objects of one instance as the API server
/// holds them, conditions, Events, the daprd pods and the product's write counter.</summary>
public static class ControllerScenario
{
    /// <summary>Dapr's control-plane namespace, as deploy/install.yaml configures the product (Controller__ControlPlaneNamespace).</summary>
    public const string ControlPlaneNamespace = "dapr-system";

    /// <summary>Another writer, for drift: what a user's <c>kubectl edit</c> or another controller would be.</summary>
    public const string Intruder = "integration-intruder";

    private static readonly SemaphoreSlim BundleOnce = new(1, 1);

    /// <summary>Dapr's <c>dapr-trust-bundle</c> in <c>dapr-system</c>: the controller reads the ConfigMap of that name
    /// (key <c>ca.crt</c>, the public root only, as Dapr's own ConfigMap has it; the Secret of the same name, with the
    /// issuer key, is never read). Created once per cluster; returns the <c>ca.crt</c> in effect.</summary>
    public static async Task<string> EnsureTrustBundleAsync(RealCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        await BundleOnce.WaitAsync().ConfigureAwait(false);
        try
        {
            await IgnoreConflictAsync(() => cluster.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ControlPlaneNamespace } })).ConfigureAwait(false);
            var existing = await FindAsync(() => cluster.Admin.CoreV1.ReadNamespacedConfigMapAsync(SharedObjectNames.DaprTrustBundleConfigMap, ControlPlaneNamespace)).ConfigureAwait(false);
            if (existing?.Data is { } data && data.TryGetValue(SharedObjectNames.TrustAnchorsKey, out var pem))
            {
                return pem;
            }

            var now = DateTimeOffset.UtcNow.AddMinutes(-5);
            using var root = TestCertificateAuthority.CreateRoot("CN=cluster.local", now, now.AddDays(2));
            var bundle = new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = SharedObjectNames.DaprTrustBundleConfigMap, NamespaceProperty = ControlPlaneNamespace },
                Data = new Dictionary<string, string> { [SharedObjectNames.TrustAnchorsKey] = root.ExportCertificatePem() },
            };
            var created = await cluster.Admin.CoreV1.CreateNamespacedConfigMapAsync(bundle, ControlPlaneNamespace).ConfigureAwait(false);
            return created.Data[SharedObjectNames.TrustAnchorsKey];
        }
        finally
        {
            BundleOnce.Release();
        }
    }

    /// <summary>The product as deployed, with Dapr's trust bundle in place before it starts.</summary>
    public static async Task<ProductProcess> StartAsync(RealCluster cluster, string work, params string[] settings)
    {
        await EnsureTrustBundleAsync(cluster).ConfigureAwait(false);
        return await Installed.StartProductAsync(cluster, work, settings).ConfigureAwait(false);
    }

    /// <summary>The daprd image deploy/install.yaml configures.</summary>
    public static string DaprdImage => Installed.DeploymentEnvironment()["Controller__DaprdImage"];

    public static async Task<T?> FindAsync<T>(Func<Task<T>> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public static async Task IgnoreConflictAsync(Func<Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
        }
    }

    /// <summary>Every object an instance can own, as the API server has them now (null: absent).</summary>
    public static async Task<OwnedObjects> ReadOwnedAsync(RealCluster cluster, string ns, string appId)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var core = cluster.Admin.CoreV1;
        var apps = cluster.Admin.AppsV1;
        var workload = SharedObjectNames.Workload(appId);
        return new OwnedObjects(
            await FindAsync(() => core.ReadNamespacedServiceAccountAsync(workload, ns)).ConfigureAwait(false),
            await FindAsync(() => apps.ReadNamespacedDaemonSetAsync(workload, ns)).ConfigureAwait(false),
            await FindAsync(() => apps.ReadNamespacedDeploymentAsync(workload, ns)).ConfigureAwait(false),
            await FindAsync(() => core.ReadNamespacedServiceAsync(SharedObjectNames.Service(appId), ns)).ConfigureAwait(false),
            await FindAsync(() => core.ReadNamespacedServiceAsync(SharedObjectNames.LocalService(appId), ns)).ConfigureAwait(false),
            await FindAsync(() => core.ReadNamespacedSecretAsync(SharedObjectNames.ApiTokenSecret(appId), ns)).ConfigureAwait(false),
            await FindAsync(() => core.ReadNamespacedConfigMapAsync(SharedObjectNames.TrustAnchorsConfigMap, ns)).ConfigureAwait(false),
            await FindAsync(() => cluster.Admin.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync(workload, ns)).ConfigureAwait(false));
    }

    /// <summary>Waits until every object of <paramref name="instance"/>'s strategy exists and carries an owner
    /// reference to it (the trust-anchors ConfigMap included), and no object of the other strategy does.</summary>
    public static async Task<OwnedObjects> WaitOwnedAsync(RealCluster cluster, DaprSharedInstance instance, SharedStrategy strategy, ProductProcess? product, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        OwnedObjects? owned = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                owned = await ReadOwnedAsync(cluster, instance.Metadata.NamespaceProperty, instance.Metadata.Name).ConfigureAwait(false);
                return owned.Problem(strategy, instance.Metadata.Uid);
            },
            timeout,
            product).ConfigureAwait(false);
        return owned!;
    }

    public static V1Condition? Condition(DaprSharedInstance instance, string type) =>
        instance?.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>Waits until the instance shows condition <paramref name="type"/> with <paramref name="status"/> (and
    /// <paramref name="reason"/> when given).</summary>
    public static async Task<DaprSharedInstance> WaitConditionAsync(
        RealCluster cluster, string ns, string name, string type, string status, string? reason, ProductProcess? product, TimeSpan? timeout = null)
    {
        DaprSharedInstance? instance = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                instance = await InstanceReader.FindAsync(cluster, ns, name).ConfigureAwait(false);
                var condition = instance is null ? null : Condition(instance, type);
                return condition is not null && condition.Status == status && (reason is null || condition.Reason == reason)
                    ? null
                    : $"instance {ns}/{name}: wanted {type}={status}{(reason is null ? "" : "/" + reason)}, has " +
                      (instance is null ? "no instance" : condition is null ? "no such condition" : $"{condition.Status}/{condition.Reason}: {condition.Message}");
            },
            timeout,
            product).ConfigureAwait(false);
        return instance!;
    }

    /// <summary>The Events whose involvedObject is the object with <paramref name="uid"/>.</summary>
    public static async Task<IList<Corev1Event>> EventsAboutAsync(RealCluster cluster, string ns, string uid)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var list = await cluster.Admin.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: $"involvedObject.uid={uid}").ConfigureAwait(false);
        return list.Items;
    }

    public static async Task<Corev1Event> WaitEventAsync(RealCluster cluster, string ns, string uid, string reason, ProductProcess? product, TimeSpan? timeout = null) =>
        await Eventually.ReturnsAsync(
            async () => (await EventsAboutAsync(cluster, ns, uid).ConfigureAwait(false)).FirstOrDefault(e => e.Reason == reason),
            $"an Event {reason} about {ns}/{uid}",
            timeout,
            product).ConfigureAwait(false);

    /// <summary>The daprd pods of an instance (by the workload's selector), as the workload controllers made them.</summary>
    public static async Task<IList<V1Pod>> DaprdPodsAsync(RealCluster cluster, string ns, string appId)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var selector = string.Join(',', InstanceLabels.Selector(appId).Select(p => $"{p.Key}={p.Value}"));
        var list = await cluster.Admin.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector).ConfigureAwait(false);
        return list.Items;
    }

    /// <summary>What a kubelet would report for a started, ready pod (there is none here: pods stay Pending
    /// otherwise). The workload controllers then count it available.</summary>
    public static async Task MarkReadyAsync(RealCluster cluster, V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(pod);
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var status = $$$"""
            {"status":{"phase":"Running","startTime":"{{{now}}}","conditions":[
              {"type":"PodScheduled","status":"True","lastTransitionTime":"{{{now}}}"},
              {"type":"Initialized","status":"True","lastTransitionTime":"{{{now}}}"},
              {"type":"ContainersReady","status":"True","lastTransitionTime":"{{{now}}}"},
              {"type":"Ready","status":"True","lastTransitionTime":"{{{now}}}"}]}}
            """;
        await cluster.Admin.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(status, V1Patch.PatchType.MergePatch), pod.Metadata.Name, pod.Metadata.NamespaceProperty).ConfigureAwait(false);
    }

    /// <summary>Every series of <c>dapr_shared_controller_api_writes_total</c> the product's <c>/metrics</c> shows.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> WritesAsync(ProductProcess product) =>
        await MetricAsync(product, "dapr_shared_controller_api_writes_total").ConfigureAwait(false);

    /// <summary>The series of one metric from the product's <c>/metrics</c>, by their label text.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> MetricAsync(ProductProcess product, string metric)
    {
        ArgumentNullException.ThrowIfNull(product);
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { Timeout = TimeSpan.FromSeconds(5) };
        var text = await http.GetStringAsync(new Uri(product.BaseUri, "/metrics")).ConfigureAwait(false);
        var series = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(metric, StringComparison.Ordinal) && line.Length > metric.Length && line[metric.Length] is '{' or ' ')
            {
                var space = line.LastIndexOf(' ');
                series[line[metric.Length..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return series;
    }

    /// <summary>Removes what a test made so the next test's product finds nothing of it: the app pods and the
    /// instances first (both go at once: pods without a node need no kubelet to stop, instances have no finalizer),
    /// then the namespace, whose termination kube-controller-manager finishes in the background. Without the first
    /// step the next product would recreate the instances from the pods, and a reconcile of an instance in a
    /// terminating namespace fails (its Secret create is refused) and is retried, writing, during the next test.</summary>
    public static async Task CleanUpAsync(RealCluster cluster, string? ns)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (ns is null)
        {
            return;
        }

        try
        {
            await cluster.Admin.CoreV1.DeleteCollectionNamespacedPodAsync(ns, labelSelector: DaprSharedKeys.AppIdLabel).ConfigureAwait(false);
            await cluster.Admin.CustomObjects.DeleteCollectionNamespacedCustomObjectAsync(DaprSharedInstance.Group, DaprSharedInstance.Version, ns, DaprSharedInstance.Plural).ConfigureAwait(false);
            await cluster.Admin.CoreV1.DeleteNamespaceAsync(ns).ConfigureAwait(false);
        }
        catch (HttpOperationException)
        {
            // Best effort: a test's own outcome is already decided.
        }
    }

    /// <summary>An instance as the admin client creates it (a user, GitOps).</summary>
    public static async Task<DaprSharedInstance> CreateInstanceAsync(RealCluster cluster, string ns, DaprSharedInstanceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(spec);
        var body = new DaprSharedInstance { Metadata = new V1ObjectMeta { Name = spec.AppId, NamespaceProperty = ns }, Spec = spec };
        var created = await cluster.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(
            JsonSerializer.Deserialize<JsonElement>(KubernetesJson.Serialize(body)), DaprSharedInstance.Group, DaprSharedInstance.Version, ns, DaprSharedInstance.Plural).ConfigureAwait(false);
        return KubernetesJson.Deserialize<DaprSharedInstance>(JsonSerializer.Serialize(created));
    }

    public static Task DeleteInstanceAsync(RealCluster cluster, string ns, string name)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Admin.CustomObjects.DeleteNamespacedCustomObjectAsync(DaprSharedInstance.Group, DaprSharedInstance.Version, ns, DaprSharedInstance.Plural, name);
    }

    /// <summary>Asserts what DESIGN §4 says every owned object carries: one owner reference to the instance (a
    /// controller reference unless shared), the managed-by label, and the controller's single field manager, by
    /// server-side apply (<paramref name="operation"/> <c>Apply</c>; the token Secret is created once, <c>Update</c>).</summary>
    public static void ShouldBeOwnedBy(V1ObjectMeta meta, DaprSharedInstance instance, bool controller = true, string operation = "Apply")
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(instance);
        var what = $"{meta.Name}";
        var reference = meta.OwnerReferences.Should().ContainSingle(r => r.Uid == instance.Metadata.Uid, what).Subject;
        reference.ApiVersion.Should().Be(DaprSharedInstance.GroupVersion, what);
        reference.Kind.Should().Be(DaprSharedInstance.EntityKind, what);
        reference.Name.Should().Be(instance.Metadata.Name, what);
        reference.Controller.Should().Be(controller, what);
        reference.BlockOwnerDeletion.Should().Be(controller, what);
        meta.Labels.Should().Contain(DaprSharedKeys.ManagedByLabel, DaprSharedKeys.ManagedByValue, what);
        var ours = meta.ManagedFields.Where(m => m.Manager == DaprSharedKeys.FieldManager).ToList();
        ours.Should().ContainSingle(what + ": one field manager, one operation").Which.Operation.Should().Be(operation, what);
        ours[0].Subresource.Should().BeNullOrEmpty(what);
    }
}
