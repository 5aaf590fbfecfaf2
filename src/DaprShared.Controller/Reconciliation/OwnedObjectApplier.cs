using System.Net;
using DaprShared.Controller.Diagnostics;
using DaprShared.Kubernetes.Api;
using DaprShared.Core.Instances;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Reconciliation;

/// <summary>Writes what an instance wants, one object at a time: server-side apply only when the live object
/// lacks something of the desired one, and never over an object that belongs to someone else.</summary>
internal sealed class OwnedObjectApplier(OwnedResources owned, ILogger logger)
{
    /// <summary>Applies one desired object unless the live one already contains it; never touches an object that
    /// <paramref name="isOurs"/> rejects, and adds it ("Kind name") to <paramref name="conflicts"/> instead.</summary>
    public async Task EnsureAsync(IKubernetesObject<V1ObjectMeta> desired, Func<V1ObjectMeta, bool> isOurs, DaprSharedInstance instance, List<string> conflicts, CancellationToken cancellationToken)
    {
        var kind = owned.For(desired.ApiVersion, desired.Kind);
        var ns = desired.Metadata.NamespaceProperty;
        var name = desired.Metadata.Name;
        DesiredHash.Stamp(desired);

        // The cache only holds objects with our managed-by label; anything else of that name needs a look.
        var live = kind.TryGetCached(ns, name, out var cached) ? cached : await kind.ReadAsync(ns, name, cancellationToken).ConfigureAwait(false);
        if (live is null)
        {
            try
            {
                // Not forced: if someone created it a moment ago with other values, that is their object.
                await kind.ApplyAsync(desired, force: false, cancellationToken).ConfigureAwait(false);
                ControllerLog.Applied(logger, desired.Kind, ns, name);
            }
            catch (Exception e) when (ApiErrors.IsStatus(e, HttpStatusCode.Conflict))
            {
                Conflict(desired, instance, conflicts);
            }

            return;
        }

        if (!isOurs(live.Metadata))
        {
            Conflict(desired, instance, conflicts);
            return;
        }

        if (DesiredSubset.IsSatisfiedBy(desired, live))
        {
            return;
        }

        // Ours (owner reference to this instance): take back every field someone else changed.
        try
        {
            await kind.ApplyAsync(desired, force: true, cancellationToken).ConfigureAwait(false);
            ControllerLog.Applied(logger, desired.Kind, ns, name);
        }
        catch (Exception e) when (ApiErrors.IsStatus(e, HttpStatusCode.UnprocessableEntity))
        {
            // Apply merges list entries by key, so drift on a key itself (a Service port renumbered by another
            // manager) survives beside ours, and the merge is invalid ("Duplicate value"): no apply can repair it. The
            // object is ours: delete it (only that version of it), and its delete event brings a clean re-create.
            ControllerLog.RecreatingInvalid(logger, desired.Kind, ns, name, ApiErrors.Describe(e));
            await kind.DeleteAsync(ns, name, live.Metadata.Uid, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes an object the instance no longer needs (e.g. after a strategy change), if it is the
    /// instance's own.</summary>
    public async Task DeleteIfOwnedAsync(OwnedObjectRef unwanted, DaprSharedInstance instance, CancellationToken cancellationToken)
    {
        var kind = owned.For(unwanted.ApiVersion, unwanted.Kind);
        if (kind.TryGetCached(unwanted.Namespace, unwanted.Name, out var live) && InstanceOwnership.IsOwnedBy(live.Metadata, instance))
        {
            await kind.DeleteAsync(unwanted.Namespace, unwanted.Name, live.Metadata.Uid, cancellationToken).ConfigureAwait(false);
            ControllerLog.UnwantedDeleted(logger, unwanted.Kind, unwanted.Namespace, unwanted.Name);
        }
    }

    private void Conflict(IKubernetesObject<V1ObjectMeta> desired, DaprSharedInstance instance, List<string> conflicts)
    {
        conflicts.Add($"{desired.Kind} {desired.Metadata.Name}");
        ControllerLog.ObjectConflict(logger, desired.Kind, desired.Metadata.NamespaceProperty, desired.Metadata.Name, instance.Metadata.Name);
    }
}
