using System.Text;
using DaprShared.Controller.Api;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using DaprShared.Controller.Diagnostics;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Reconciliation;

/// <summary>Reconcile = compute the desired state (the pure builder) + server-side apply what is missing, with one
/// field manager. Everything is read from the watch caches, so a reconcile that finds nothing to do sends nothing.</summary>
internal sealed class InstanceReconciler
{
    private readonly ControllerEnvironment env;
    private readonly ClusterCaches caches;
    private readonly EventRecorder events;
    private readonly ApiTokenSecrets tokens;
    private readonly ILogger logger;

    /// <summary>When the user deleted an instance: only pods created after that bring it back (a pod "appears").</summary>
    private readonly ConcurrentDictionary<(string Namespace, string AppId), DateTime> deletedAt = new();
    private readonly ConcurrentDictionary<string, byte> reportedMissed = new(StringComparer.Ordinal);
    private int trustBundleMissingLogged;

    public InstanceReconciler(ControllerEnvironment env, ClusterCaches caches, EventRecorder events, ApiTokenSecrets tokens, ILogger logger)
    {
        this.env = env;
        this.caches = caches;
        this.events = events;
        this.tokens = tokens;
        this.logger = logger;
    }

    public void OnInstanceDeleted(DaprSharedInstance instance)
    {
        deletedAt[(instance.Metadata.NamespaceProperty, instance.Metadata.Name)] = env.Time.GetUtcNow().UtcDateTime;
        tokens.Forget(instance.Metadata.Uid);
    }

    public void OnPodDeleted(V1Pod pod) => reportedMissed.TryRemove(pod.Metadata.Uid ?? "", out _);

    public Task<ReconcileOutcome> ReconcileAsync(WorkKey key, CancellationToken cancellationToken) => key.Kind switch
    {
        WorkKind.MissedPod => ReportMissedPodAsync(key, cancellationToken),
        _ => ReconcileInstanceAsync(key, cancellationToken),
    };

    private async Task<ReconcileOutcome> ReconcileInstanceAsync(WorkKey key, CancellationToken cancellationToken)
    {
        if (!caches.Instances.TryGet(key.Namespace, key.Name, out var instance))
        {
            await CreateFromPodsAsync(key.Namespace, key.Name, cancellationToken).ConfigureAwait(false);
            return ReconcileOutcome.Success;
        }

        if (instance.Metadata.DeletionTimestamp is not null)
        {
            // Owner references hand everything it owns to the garbage collector; no finalizer is needed.
            return ReconcileOutcome.Success;
        }

        deletedAt.TryRemove((key.Namespace, key.Name), out _);
        await ReportDisagreementsAsync(instance, cancellationToken).ConfigureAwait(false);

        var result = DesiredStateBuilder.Build(instance, env.Cluster, env.Settings);
        await ReportProblemsAsync(instance, result, cancellationToken).ConfigureAwait(false);
        if (result.State is not { } state)
        {
            ControllerLog.InvalidInstance(logger, key.Namespace, key.Name, string.Join("; ", result.Problems.Where(p => p.Fatal)));
            await WriteStatusAsync(instance, StatusBuilder.Build(instance, result, WorkloadAvailability.Missing, [], false, env.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return ReconcileOutcome.Invalid;
        }

        var workload = state.DaemonSet is not null
            ? WorkloadAvailability.Of(caches.Owned.DaemonSets.Cache.TryGet(key.Namespace, state.DaemonSet.Metadata.Name, out var ds) && OwnedBy(ds.Metadata, instance) ? ds : null)
            : WorkloadAvailability.Of(caches.Owned.Deployments.Cache.TryGet(key.Namespace, state.Deployment!.Metadata.Name, out var deploy) && OwnedBy(deploy.Metadata, instance) ? deploy : null);

        var conflicts = new List<string>();

        // What the daprd pods reference comes first: the token Secret and the trust anchors.
        if (env.Cluster.ApiTokens)
        {
            await tokens.EnsureAsync(instance, workload.Available, cancellationToken).ConfigureAwait(false);
        }

        var trustAnchors = caches.TrustAnchors(env.Settings);
        if (trustAnchors is not null)
        {
            Interlocked.Exchange(ref trustBundleMissingLogged, 0);
            var owners = caches.Instances.List(i => i.Metadata.NamespaceProperty == key.Namespace && i.Metadata.DeletionTimestamp is null);
            var ownerUids = owners.Select(o => o.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
            var configMap = DesiredStateBuilder.TrustAnchorsConfigMap(key.Namespace, owners, trustAnchors);
            await EnsureAsync(configMap, meta => meta.OwnerReferences?.Any(r => ownerUids.Contains(r.Uid)) == true, instance, conflicts, cancellationToken).ConfigureAwait(false);
        }
        else if (Interlocked.Exchange(ref trustBundleMissingLogged, 1) == 0)
        {
            ControllerLog.TrustBundleMissing(logger, env.Settings.ControlPlaneNamespace, SharedObjectNames.DaprTrustBundleConfigMap);
        }

        foreach (var desired in state.Objects)
        {
            await EnsureAsync(desired, meta => OwnedBy(meta, instance), instance, conflicts, cancellationToken).ConfigureAwait(false);
        }

        foreach (var unwanted in state.Unwanted)
        {
            var kind = caches.Owned.For(unwanted.ApiVersion, unwanted.Kind);
            if (kind.TryGetCached(unwanted.Namespace, unwanted.Name, out var live) && OwnedBy(live.Metadata, instance))
            {
                await kind.DeleteAsync(unwanted.Namespace, unwanted.Name, live.Metadata.Uid, cancellationToken).ConfigureAwait(false);
                ControllerLog.UnwantedDeleted(logger, unwanted.Kind, unwanted.Namespace, unwanted.Name);
            }
        }

        var status = StatusBuilder.Build(instance, result, workload, conflicts, trustAnchors is null, env.Time.GetUtcNow());
        await WriteStatusAsync(instance, status, cancellationToken).ConfigureAwait(false);

        if (conflicts.Count > 0)
        {
            await events.RecordAsync(
                DaprSharedInstance.GroupVersion, DaprSharedInstance.EntityKind, instance.Metadata, EventRecorder.Warning, "ObjectConflict",
                string.Join("; ", conflicts) + " already exists and is not managed by this instance: left alone",
                cancellationToken).ConfigureAwait(false);

            // A conflicting object carries no label of ours, so no watch tells when it goes away: look again later.
            return new ReconcileOutcome(ControllerMetrics.ResultConflict, env.Options.ConflictRecheckPeriod);
        }

        return ReconcileOutcome.Success;
    }

    /// <summary>Applies one desired object unless the live one already contains it; never touches an object that
    /// <paramref name="isOurs"/> rejects.</summary>
    private async Task EnsureAsync(IKubernetesObject<V1ObjectMeta> desired, Func<V1ObjectMeta, bool> isOurs, DaprSharedInstance instance, List<string> conflicts, CancellationToken cancellationToken)
    {
        var kind = caches.Owned.For(desired.ApiVersion, desired.Kind);
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
                conflicts.Add($"{desired.Kind} {name}");
                ControllerLog.ObjectConflict(logger, desired.Kind, ns, name, instance.Metadata.Name);
            }

            return;
        }

        if (!isOurs(live.Metadata))
        {
            conflicts.Add($"{desired.Kind} {name}");
            ControllerLog.ObjectConflict(logger, desired.Kind, ns, name, instance.Metadata.Name);
            return;
        }

        if (DesiredSubset.IsSatisfiedBy(desired, live))
        {
            return;
        }

        // Ours (owner reference to this instance): take back every field someone else changed.
        await kind.ApplyAsync(desired, force: true, cancellationToken).ConfigureAwait(false);
        ControllerLog.Applied(logger, desired.Kind, ns, name);
    }

    private async Task WriteStatusAsync(DaprSharedInstance instance, DaprSharedInstanceStatus status, CancellationToken cancellationToken)
    {
        var wanted = DesiredSubset.ToJson(status);
        var current = instance.Status is null ? null : DesiredSubset.ToJson(instance.Status);
        if (JsonNode.DeepEquals(wanted, current))
        {
            return;
        }

        var body = new JsonObject
        {
            ["apiVersion"] = DaprSharedInstance.GroupVersion,
            ["kind"] = DaprSharedInstance.EntityKind,
            ["metadata"] = new JsonObject { ["name"] = instance.Metadata.Name, ["namespace"] = instance.Metadata.NamespaceProperty },
            ["status"] = wanted,
        };
        env.Metrics.Writes.WithLabels(DaprSharedInstance.EntityKind, "apply-status").Inc();
        await env.Client.PatchAsync(
            ApiResources.Instances,
            PatchKind.Apply,
            Encoding.UTF8.GetBytes(body.ToJsonString()),
            instance.Metadata.NamespaceProperty,
            instance.Metadata.Name,
            DaprSharedKeys.FieldManager,
            force: true,
            subresource: "status",
            cancellationToken).ConfigureAwait(false);
        ControllerLog.StatusUpdated(logger, instance.Metadata.NamespaceProperty, instance.Metadata.Name);
    }

    /// <summary>An opted-in pod for an app-id with no instance: the instance is created from its annotations.</summary>
    private async Task CreateFromPodsAsync(string ns, string appId, CancellationToken cancellationToken)
    {
        var since = deletedAt.TryGetValue((ns, appId), out var deleted) ? deleted : DateTime.MinValue;
        var pod = caches.Pods
            .List(p => p.Metadata.NamespaceProperty == ns && !PodMetadataRules.IsTerminating(p) && IsPodOf(p, appId) && (p.Metadata.CreationTimestamp ?? DateTime.MaxValue) > since)
            .OrderBy(p => p.Metadata.CreationTimestamp)
            .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (pod is null)
        {
            return;
        }

        var reading = PodAnnotationReader.Read(pod.Metadata.Annotations, env.Cluster);
        if (reading.Spec is null || reading.AppId != appId)
        {
            var problems = string.Join("; ", reading.Problems);
            ControllerLog.InstanceFromPodFailed(logger, appId, ns, pod.Metadata.Name, problems);
            await events.RecordAsync("v1", V1Pod.KubeKind, pod.Metadata, EventRecorder.Warning, "InstanceNotCreated",
                $"no DaprSharedInstance was created for app-id {appId}: {problems}", cancellationToken).ConfigureAwait(false);
            return;
        }

        var instance = PodAnnotationReader.NewInstance(ns, reading.Spec);
        DaprSharedInstance created;
        try
        {
            env.Metrics.Writes.WithLabels(DaprSharedInstance.EntityKind, "create").Inc();
            created = await env.Client.CreateAsync(ApiResources.Instances, instance, ns, DaprSharedKeys.FieldManager, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.IsStatus(e, HttpStatusCode.Conflict))
        {
            // Someone (a user, GitOps) created it meanwhile: it is the source of truth; its watch event follows.
            return;
        }

        ControllerLog.InstanceCreated(logger, ns, appId, pod.Metadata.Name);
        await events.RecordAsync(DaprSharedInstance.GroupVersion, DaprSharedInstance.EntityKind, created.Metadata, EventRecorder.Normal, "CreatedFromPod",
            $"created from the annotations of pod {pod.Metadata.Name}", cancellationToken).ConfigureAwait(false);
        if (reading.Problems.Count > 0)
        {
            await events.RecordAsync(DaprSharedInstance.GroupVersion, DaprSharedInstance.EntityKind, created.Metadata, EventRecorder.Warning, "PodAnnotationsIgnored",
                $"pod {pod.Metadata.Name}: {string.Join("; ", reading.Problems)}", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The instance is the source of truth: a pod that asks for something else gets an Event on the
    /// instance (once per distinct disagreement and instance generation), never a silent change.</summary>
    private async Task ReportDisagreementsAsync(DaprSharedInstance instance, CancellationToken cancellationToken)
    {
        var pods = caches.Pods.List(p => p.Metadata.NamespaceProperty == instance.Metadata.NamespaceProperty && !PodMetadataRules.IsTerminating(p) && IsPodOf(p, instance.Metadata.Name));
        foreach (var pod in pods.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            var disagreements = InstanceSpecComparer.Disagreements(pod.Metadata.Annotations, instance, env.Cluster);
            if (disagreements.Count == 0)
            {
                continue;
            }

            var text = string.Join("; ", disagreements);
            ControllerLog.PodDisagrees(logger, pod.Metadata.NamespaceProperty, pod.Metadata.Name, instance.Metadata.Name, text);
            await events.RecordAsync(
                DaprSharedInstance.GroupVersion, DaprSharedInstance.EntityKind, instance.Metadata, EventRecorder.Warning, "PodDisagrees",
                $"pod {pod.Metadata.Name} disagrees with this instance, which is left unchanged: {text}",
                cancellationToken,
                dedupKey: $"{instance.Metadata.Generation}:{text}").ConfigureAwait(false);
        }
    }

    private async Task ReportProblemsAsync(DaprSharedInstance instance, DesiredStateResult result, CancellationToken cancellationToken)
    {
        if (result.Problems.Count == 0)
        {
            return;
        }

        var fatal = result.State is null;
        await events.RecordAsync(
            DaprSharedInstance.GroupVersion, DaprSharedInstance.EntityKind, instance.Metadata, EventRecorder.Warning, fatal ? "InvalidSpec" : "SpecValuesIgnored",
            string.Join("; ", result.Problems),
            cancellationToken,
            dedupKey: $"{instance.Metadata.Generation}:{string.Join("; ", result.Problems)}").ConfigureAwait(false);
    }

    private async Task<ReconcileOutcome> ReportMissedPodAsync(WorkKey key, CancellationToken cancellationToken)
    {
        if (!caches.Pods.TryGet(key.Namespace, key.Name, out var pod) || !PodMetadataRules.IsMissed(pod) || !reportedMissed.TryAdd(pod.Metadata.Uid ?? "", 0))
        {
            return ReconcileOutcome.Success;
        }

        env.Metrics.MissedPods.Inc();
        ControllerLog.MissedPod(logger, key.Namespace, key.Name);
        await events.RecordAsync("v1", V1Pod.KubeKind, pod.Metadata, EventRecorder.Warning, "NotInjected",
            $"this pod opted in to Dapr Shared ({DaprSharedKeys.Enabled}=true) but was admitted without injection: the webhook was unreachable " +
            "(failurePolicy Ignore) or skipped it (see the admission warnings); delete the pod to have it recreated and injected",
            cancellationToken).ConfigureAwait(false);
        return ReconcileOutcome.Success;
    }

    /// <summary>A pod belongs to an app-id by the webhook's label, or (missed pods) by its annotations.</summary>
    internal static bool IsPodOf(V1Pod pod, string appId) =>
        PodMetadataRules.LabelledAppId(pod) is { } labelled
            ? labelled == appId
            : PodMetadataRules.IsMissed(pod) && PodAnnotationReader.AppIdOf(pod.Metadata.Annotations) == appId;

    private static bool OwnedBy(V1ObjectMeta meta, DaprSharedInstance instance) =>
        meta.OwnerReferences?.Any(r => r.Uid == instance.Metadata.Uid) == true;
}
