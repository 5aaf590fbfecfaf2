using DaprShared.Controller.Diagnostics;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Reconciliation;

/// <summary>Reconcile = compute the desired state (the pure builder) + server-side apply what is missing, with one
/// field manager, + the status. Everything is read from the watch caches, so a reconcile that finds nothing to do
/// sends nothing.</summary>
internal sealed class InstanceReconciler
{
    private readonly ControllerEnvironment env;
    private readonly ClusterCaches caches;
    private readonly EventRecorder events;
    private readonly ApiTokenSecrets tokens;
    private readonly PodDisagreementReporter disagreements;
    private readonly OwnedObjectApplier applier;
    private readonly InstanceStatusWriter statusWriter;
    private readonly ILogger logger;
    private int trustBundleMissingLogged;

    public InstanceReconciler(ControllerEnvironment env, ClusterCaches caches, EventRecorder events, ApiTokenSecrets tokens)
    {
        this.env = env;
        this.caches = caches;
        this.events = events;
        this.tokens = tokens;
        disagreements = new PodDisagreementReporter(env.Cluster, caches.Pods, events, env.Loggers.CreateLogger<PodDisagreementReporter>());
        applier = new OwnedObjectApplier(caches.Owned, env.Loggers.CreateLogger<OwnedObjectApplier>());
        statusWriter = new InstanceStatusWriter(env.Client, env.Metrics, env.Loggers.CreateLogger<InstanceStatusWriter>());
        logger = env.Loggers.CreateLogger<InstanceReconciler>();
    }

    /// <summary>Reconciles an instance that exists and is not being deleted.</summary>
    public async Task<ReconcileOutcome> ReconcileAsync(DaprSharedInstance instance, CancellationToken cancellationToken)
    {
        await disagreements.ReportAsync(instance, cancellationToken).ConfigureAwait(false);

        var result = DesiredStateBuilder.Build(instance, env.Cluster, env.Settings);
        await ReportProblemsAsync(instance, result, cancellationToken).ConfigureAwait(false);
        if (result.State is not { } state)
        {
            ControllerLog.InvalidInstance(logger, instance.Metadata.NamespaceProperty, instance.Metadata.Name, string.Join("; ", result.Problems.Where(p => p.Fatal)));
            await statusWriter.WriteAsync(instance, StatusBuilder.Build(instance, result, WorkloadAvailability.Missing, [], false, env.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return ReconcileOutcome.Invalid;
        }

        var workload = Workload(instance, state);
        var conflicts = new List<string>();

        // What the daprd pods reference comes first: the token Secret and the trust anchors.
        if (env.Cluster.ApiTokens)
        {
            await tokens.EnsureAsync(instance, workload.Available, cancellationToken).ConfigureAwait(false);
        }

        var trustAnchorsMissing = !await EnsureTrustAnchorsAsync(instance, conflicts, cancellationToken).ConfigureAwait(false);

        foreach (var desired in state.Objects)
        {
            await applier.EnsureAsync(desired, meta => InstanceOwnership.IsOwnedBy(meta, instance), instance, conflicts, cancellationToken).ConfigureAwait(false);
        }

        foreach (var unwanted in state.Unwanted)
        {
            await applier.DeleteIfOwnedAsync(unwanted, instance, cancellationToken).ConfigureAwait(false);
        }

        var status = StatusBuilder.Build(instance, result, workload, conflicts, trustAnchorsMissing, env.Time.GetUtcNow());
        await statusWriter.WriteAsync(instance, status, cancellationToken).ConfigureAwait(false);

        if (conflicts.Count > 0)
        {
            await events.RecordOnInstanceAsync(
                instance.Metadata, EventRecorder.Warning, "ObjectConflict",
                string.Join("; ", conflicts) + " already exists and is not managed by this instance: left alone",
                cancellationToken).ConfigureAwait(false);

            // A conflicting object carries no label of ours, so no watch tells when it goes away: look again later.
            return new ReconcileOutcome(ControllerMetrics.ResultConflict, env.Options.ConflictRecheckPeriod);
        }

        return ReconcileOutcome.Success;
    }

    /// <summary>The daprd workload of the strategy, from the cache, when it is this instance's own.</summary>
    private WorkloadAvailability Workload(DaprSharedInstance instance, DesiredState state)
    {
        var ns = instance.Metadata.NamespaceProperty;
        return state.DaemonSet is not null
            ? WorkloadAvailability.Of(caches.Owned.DaemonSets.Cache.TryGet(ns, state.DaemonSet.Metadata.Name, out var ds) && InstanceOwnership.IsOwnedBy(ds.Metadata, instance) ? ds : null)
            : WorkloadAvailability.Of(caches.Owned.Deployments.Cache.TryGet(ns, state.Deployment!.Metadata.Name, out var deploy) && InstanceOwnership.IsOwnedBy(deploy.Metadata, instance) ? deploy : null);
    }

    /// <summary>Copies the public root of Dapr's trust bundle into the namespace-wide ConfigMap every instance of
    /// the namespace owns; false (logged once until it appears) when the bundle is missing.</summary>
    private async Task<bool> EnsureTrustAnchorsAsync(DaprSharedInstance instance, List<string> conflicts, CancellationToken cancellationToken)
    {
        var trustAnchors = caches.TrustAnchors(env.Settings);
        if (trustAnchors is null)
        {
            if (Interlocked.Exchange(ref trustBundleMissingLogged, 1) == 0)
            {
                ControllerLog.TrustBundleMissing(logger, env.Settings.ControlPlaneNamespace, SharedObjectNames.DaprTrustBundleConfigMap);
            }

            return false;
        }

        Interlocked.Exchange(ref trustBundleMissingLogged, 0);
        var ns = instance.Metadata.NamespaceProperty;
        var owners = caches.Instances.List(i => i.Metadata.NamespaceProperty == ns && i.Metadata.DeletionTimestamp is null);
        var ownerUids = owners.Select(o => o.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        var configMap = DesiredStateBuilder.TrustAnchorsConfigMap(ns, owners, trustAnchors);
        await applier.EnsureAsync(configMap, meta => InstanceOwnership.IsOwnedByAny(meta, ownerUids), instance, conflicts, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task ReportProblemsAsync(DaprSharedInstance instance, DesiredStateResult result, CancellationToken cancellationToken)
    {
        if (result.Problems.Count == 0)
        {
            return;
        }

        var fatal = result.State is null;
        await events.RecordOnInstanceAsync(
            instance.Metadata, EventRecorder.Warning, fatal ? "InvalidSpec" : "SpecValuesIgnored",
            string.Join("; ", result.Problems),
            cancellationToken,
            dedupKey: $"{instance.Metadata.Generation}:{string.Join("; ", result.Problems)}").ConfigureAwait(false);
    }
}
