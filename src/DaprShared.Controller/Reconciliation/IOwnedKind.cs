using DaprShared.Kubernetes.Runtime;
using k8s;
using k8s.Models;

namespace DaprShared.Controller.Reconciliation;

/// <summary>One kind of object the controller applies: its watch cache and the few calls it makes on it.</summary>
internal interface IOwnedKind
{
    string ApiVersion { get; }

    string Kind { get; }

    IInformer Informer { get; }

    /// <summary>Raised (on the informer's task) with the metadata of every object that changed.</summary>
    event Action<V1ObjectMeta>? MetadataChanged;

    /// <summary>The object from the cache of objects carrying our managed-by label.</summary>
    bool TryGetCached(string @namespace, string name, out IKubernetesObject<V1ObjectMeta> value);

    /// <summary>A GET by name (for objects the cache cannot know: those without our label); null when absent.</summary>
    Task<IKubernetesObject<V1ObjectMeta>?> ReadAsync(string @namespace, string name, CancellationToken cancellationToken);

    /// <summary>Server-side apply with the controller's one field manager.</summary>
    Task<IKubernetesObject<V1ObjectMeta>> ApplyAsync(IKubernetesObject<V1ObjectMeta> desired, bool force, CancellationToken cancellationToken);

    /// <summary>Deletes the object if it still has this uid (a precondition, so a re-created object survives).</summary>
    Task DeleteAsync(string @namespace, string name, string uid, CancellationToken cancellationToken);
}
