using System.Runtime.CompilerServices;
using System.Text.Json;
using DaprShared.Core.Instances;
using k8s;
using k8s.Models;

namespace DaprShared.Controller.Runtime;

/// <summary>The list/watch calls the controller makes, one factory per kind, all cluster-wide unless noted.</summary>
public static class KubernetesSources
{
    /// <summary>Client-go's metadata-only content negotiation: the server sends PartialObjectMetadata(List), so a
    /// pod costs its metadata, not its spec and status.</summary>
    private const string MetadataOnly =
        "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";

    private const int PageSize = 500;

    public static IWatchSource<DaprSharedInstance> Instances(IKubernetes client) => new DelegateWatchSource<DaprSharedInstance>(
        DaprSharedInstance.Plural,
        async ct =>
        {
            var list = await client.CustomObjects.ListCustomObjectForAllNamespacesAsync<DaprSharedInstanceList>(
                DaprSharedInstance.Group, DaprSharedInstance.Version, DaprSharedInstance.Plural, cancellationToken: ct).ConfigureAwait(false);
            return (list.Items.ToList(), list.Metadata?.ResourceVersion ?? "");
        },
        (rv, timeout, onError, ct) => Typed<DaprSharedInstance>(
            client.CustomObjects.WatchListCustomObjectForAllNamespacesAsync(
                DaprSharedInstance.Group, DaprSharedInstance.Version, DaprSharedInstance.Plural,
                allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct),
            ct));

    /// <summary>Pod metadata only, optionally restricted by a label selector.</summary>
    public static IWatchSource<V1Pod> PodMetadata(IKubernetes client, string? labelSelector)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>> { ["Accept"] = [MetadataOnly] };
        return new DelegateWatchSource<V1Pod>(
            "pods",
            async ct =>
            {
                var items = new List<V1Pod>();
                string? next = null;
                string resourceVersion;
                do
                {
                    using var response = await client.CoreV1.ListPodForAllNamespacesWithHttpMessagesAsync(
                        continueParameter: next, labelSelector: labelSelector, limit: PageSize, customHeaders: headers, cancellationToken: ct).ConfigureAwait(false);
                    items.AddRange(response.Body.Items);
                    next = response.Body.Metadata?.ContinueProperty;
                    resourceVersion = response.Body.Metadata?.ResourceVersion ?? "";
                }
                while (!string.IsNullOrEmpty(next));

                return (items, resourceVersion);
            },
            (rv, timeout, onError, ct) =>
            {
                // The generated WatchList methods take no headers, and metadata-only needs an Accept header; this
                // older extension is the only typed way to watch a response we requested ourselves.
#pragma warning disable CS0618
                return client.CoreV1
                    .ListPodForAllNamespacesWithHttpMessagesAsync(
                        allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: rv, timeoutSeconds: timeout, watch: true, customHeaders: headers, cancellationToken: ct)
                    .WatchAsync<V1Pod, V1PodList>(onError, ct);
#pragma warning restore CS0618
            });
    }

    public static IWatchSource<V1ServiceAccount> ServiceAccounts(IKubernetes client, string labelSelector) => new DelegateWatchSource<V1ServiceAccount>(
        "serviceaccounts",
        async ct => Page(await client.CoreV1.ListServiceAccountForAllNamespacesAsync(labelSelector: labelSelector, cancellationToken: ct).ConfigureAwait(false)),
        (rv, timeout, onError, ct) => client.CoreV1.WatchListServiceAccountForAllNamespacesAsync(
            allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct));

    public static IWatchSource<V1Service> Services(IKubernetes client, string labelSelector) => new DelegateWatchSource<V1Service>(
        "services",
        async ct => Page(await client.CoreV1.ListServiceForAllNamespacesAsync(labelSelector: labelSelector, cancellationToken: ct).ConfigureAwait(false)),
        (rv, timeout, onError, ct) => client.CoreV1.WatchListServiceForAllNamespacesAsync(
            allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct));

    public static IWatchSource<V1ConfigMap> ConfigMaps(IKubernetes client, string labelSelector) => new DelegateWatchSource<V1ConfigMap>(
        "configmaps",
        async ct => Page(await client.CoreV1.ListConfigMapForAllNamespacesAsync(labelSelector: labelSelector, cancellationToken: ct).ConfigureAwait(false)),
        (rv, timeout, onError, ct) => client.CoreV1.WatchListConfigMapForAllNamespacesAsync(
            allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct));

    /// <summary>One named ConfigMap in one namespace (Dapr's trust bundle): RBAC can restrict this to the name.</summary>
    public static IWatchSource<V1ConfigMap> NamedConfigMap(IKubernetes client, string @namespace, string name)
    {
        var fieldSelector = "metadata.name=" + name;
        return new DelegateWatchSource<V1ConfigMap>(
            "configmaps/" + name,
            async ct => Page(await client.CoreV1.ListNamespacedConfigMapAsync(@namespace, fieldSelector: fieldSelector, cancellationToken: ct).ConfigureAwait(false)),
            (rv, timeout, onError, ct) => client.CoreV1.WatchListNamespacedConfigMapAsync(
                @namespace, allowWatchBookmarks: true, fieldSelector: fieldSelector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct));
    }

    public static IWatchSource<V1DaemonSet> DaemonSets(IKubernetes client, string labelSelector) => new DelegateWatchSource<V1DaemonSet>(
        "daemonsets",
        async ct => Page(await client.AppsV1.ListDaemonSetForAllNamespacesAsync(labelSelector: labelSelector, cancellationToken: ct).ConfigureAwait(false)),
        (rv, timeout, onError, ct) => client.AppsV1.WatchListDaemonSetForAllNamespacesAsync(
            allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct));

    public static IWatchSource<V1Deployment> Deployments(IKubernetes client, string labelSelector) => new DelegateWatchSource<V1Deployment>(
        "deployments",
        async ct => Page(await client.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: labelSelector, cancellationToken: ct).ConfigureAwait(false)),
        (rv, timeout, onError, ct) => client.AppsV1.WatchListDeploymentForAllNamespacesAsync(
            allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct));

    public static IWatchSource<V1PodDisruptionBudget> PodDisruptionBudgets(IKubernetes client, string labelSelector) => new DelegateWatchSource<V1PodDisruptionBudget>(
        "poddisruptionbudgets",
        async ct => Page(await client.PolicyV1.ListPodDisruptionBudgetForAllNamespacesAsync(labelSelector: labelSelector, cancellationToken: ct).ConfigureAwait(false)),
        (rv, timeout, onError, ct) => client.PolicyV1.WatchListPodDisruptionBudgetForAllNamespacesAsync(
            allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct));

    /// <summary>Custom-object watches yield untyped JSON; bind each event to the model.</summary>
    private static async IAsyncEnumerable<(WatchEventType, T)> Typed<T>(IAsyncEnumerable<(WatchEventType, object)> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (type, item) in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var json = item is JsonElement element ? element.GetRawText() : KubernetesJson.Serialize(item);
            yield return (type, KubernetesJson.Deserialize<T>(json));
        }
    }

    private static (IReadOnlyList<T>, string) Page<T>(IItems<T> list)
        where T : IKubernetesObject
    {
        var resourceVersion = list is IMetadata<V1ListMeta> meta ? meta.Metadata?.ResourceVersion ?? "" : "";
        return (list.Items.ToList(), resourceVersion);
    }
}
