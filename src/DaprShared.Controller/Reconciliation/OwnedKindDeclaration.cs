using System.Text.Json.Serialization.Metadata;
using DaprShared.Controller.Api;
using DaprShared.Kubernetes.Api;
using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Runtime;
using DaprShared.Kubernetes.Runtime;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Reconciliation;

/// <summary>One kind the controller applies: its API version and kind, where it lives in the API, its list type, and
/// whether the controller ever deletes one.</summary>
/// <param name="ApiVersion">As objects carry it, e.g. <c>apps/v1</c>.</param>
/// <param name="Kind">As objects carry it, e.g. <c>Deployment</c>.</param>
/// <param name="Resource">Path and JSON of one object.</param>
/// <param name="ListType">JSON of its list, for the watch cache's list calls.</param>
/// <param name="Deletes">True when the controller deletes objects of this kind it no longer needs (after a strategy
/// change); the others only go with their instance, through the garbage collector.</param>
internal sealed record OwnedKindDeclaration<T, TList>(string ApiVersion, string Kind, ApiResource<T> Resource, JsonTypeInfo<TList> ListType, bool Deletes)
    : IOwnedKindDeclaration
    where T : class, IKubernetesObject<V1ObjectMeta>
    where TList : class, IKubernetesObject<V1ListMeta>, IItems<T>
{
    // get: an object of our name without our label (the cache cannot know it); list and watch: the cache;
    // create and patch: server-side apply (a create when the object is new).
    private static readonly string[] ApplyVerbs = ["get", "list", "watch", "create", "patch"];

    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    public string Plural => Resource.Plural;

    public string CollectionPath => Resource.Path(null);

    public IReadOnlyList<string> Verbs => Deletes ? [.. ApplyVerbs, "delete"] : ApplyVerbs;

    IOwnedKind IOwnedKindDeclaration.Create(KubernetesApiClient client, string labelSelector, InformerSettings settings, ControllerMetrics metrics, ILoggerFactory loggers) =>
        Create(client, labelSelector, settings, metrics, loggers);

    public OwnedKind<T> Create(KubernetesApiClient client, string labelSelector, InformerSettings settings, ControllerMetrics metrics, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        var source = new ApiWatchSource<T, TList>(client, Resource, ListType, null, new ListOptions(labelSelector));
        var informer = new Informer<T>(source, settings, metrics, loggers.CreateLogger<Informer<T>>());
        return new OwnedKind<T>(ApiVersion, Kind, informer, metrics, client, Resource);
    }
}
