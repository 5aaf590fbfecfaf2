using System.Net;
using DaprShared.Controller.Diagnostics;
using DaprShared.Core.Contract;
using DaprShared.Kubernetes.Api;
using DaprShared.Kubernetes.Runtime;
using k8s;
using k8s.Models;

namespace DaprShared.Controller.Reconciliation;

/// <summary>An <see cref="IOwnedKind"/> over <see cref="KubernetesApiClient"/> calls for one resource.</summary>
internal sealed class OwnedKind<T> : IOwnedKind
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Informer<T> informer;
    private readonly KubernetesApiClient client;
    private readonly ApiResource<T> resource;
    private readonly ControllerMetrics metrics;

    public OwnedKind(string apiVersion, string kind, Informer<T> informer, ControllerMetrics metrics, KubernetesApiClient client, ApiResource<T> resource)
    {
        ApiVersion = apiVersion;
        Kind = kind;
        this.informer = informer;
        this.metrics = metrics;
        this.client = client;
        this.resource = resource;
        informer.Changed += change => MetadataChanged?.Invoke(change.New.Metadata);
    }

    public event Action<V1ObjectMeta>? MetadataChanged;

    public string ApiVersion { get; }

    public string Kind { get; }

    public Informer<T> Cache => informer;

    public IInformer Informer => informer;

    public bool TryGetCached(string @namespace, string name, out IKubernetesObject<V1ObjectMeta> value)
    {
        var found = informer.TryGet(@namespace, name, out var typed);
        value = typed;
        return found;
    }

    public async Task<IKubernetesObject<V1ObjectMeta>?> ReadAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        await client.FindAsync(resource, @namespace, name, cancellationToken).ConfigureAwait(false);

    public async Task<IKubernetesObject<V1ObjectMeta>> ApplyAsync(IKubernetesObject<V1ObjectMeta> desired, bool force, CancellationToken cancellationToken)
    {
        metrics.Writes.WithLabels(Kind, "apply").Inc();
        return await client.ApplyAsync(resource, (T)desired, desired.Metadata.NamespaceProperty, desired.Metadata.Name, DaprSharedKeys.FieldManager, force, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string @namespace, string name, string uid, CancellationToken cancellationToken)
    {
        metrics.Writes.WithLabels(Kind, "delete").Inc();
        try
        {
            await client.DeleteAsync(resource, @namespace, name, uid, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Already gone, or replaced by a different object (uid precondition): nothing of ours to delete.
        }
    }
}
