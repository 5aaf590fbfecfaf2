using System.Net;
using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Runtime;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace DaprShared.Controller.Reconciliation;

/// <summary>An <see cref="IOwnedKind"/> over the generated client's typed calls.</summary>
internal sealed class OwnedKind<T> : IOwnedKind
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Informer<T> informer;
    private readonly Func<string, string, CancellationToken, Task<T>> read;
    private readonly Func<V1Patch, string, string, bool, CancellationToken, Task<T>> apply;
    private readonly Func<string, string, V1DeleteOptions, CancellationToken, Task> delete;
    private readonly ControllerMetrics metrics;

    public OwnedKind(
        string apiVersion,
        string kind,
        Informer<T> informer,
        ControllerMetrics metrics,
        Func<string, string, CancellationToken, Task<T>> read,
        Func<V1Patch, string, string, bool, CancellationToken, Task<T>> apply,
        Func<string, string, V1DeleteOptions, CancellationToken, Task> delete)
    {
        ApiVersion = apiVersion;
        Kind = kind;
        this.informer = informer;
        this.metrics = metrics;
        this.read = read;
        this.apply = apply;
        this.delete = delete;
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

    public async Task<IKubernetesObject<V1ObjectMeta>?> ReadAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await read(@namespace, name, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<IKubernetesObject<V1ObjectMeta>> ApplyAsync(IKubernetesObject<V1ObjectMeta> desired, bool force, CancellationToken cancellationToken)
    {
        metrics.Writes.WithLabels(Kind, "apply").Inc();
        var patch = new V1Patch(desired, V1Patch.PatchType.ApplyPatch);
        return await apply(patch, desired.Metadata.NamespaceProperty, desired.Metadata.Name, force, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string @namespace, string name, string uid, CancellationToken cancellationToken)
    {
        metrics.Writes.WithLabels(Kind, "delete").Inc();
        try
        {
            await delete(@namespace, name, new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = uid } }, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Already gone, or replaced by a different object (uid precondition): nothing of ours to delete.
        }
    }
}
