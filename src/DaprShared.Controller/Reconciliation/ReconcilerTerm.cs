using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Runtime;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Reconciliation;

/// <summary>One leadership term: watch caches, a work queue and workers, all stopped together when the token is
/// cancelled (the lease was lost or the process stops). A new term starts from fresh lists.</summary>
internal sealed class ReconcilerTerm
{
    private readonly ControllerEnvironment env;
    private readonly ILogger logger;

    public ReconcilerTerm(ControllerEnvironment env)
    {
        this.env = env;
        logger = env.Loggers.CreateLogger<ReconcilerTerm>();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var options = env.Options;
        var informerSettings = new InformerSettings(new Backoff(options.WatchRetryInitialDelay, options.WatchRetryMaxDelay), env.Time)
        {
            WatchTimeout = options.WatchTimeout,
        };
        var caches = new ClusterCaches(env.Client, informerSettings, env.Settings, options.DetectMissedPods, env.Metrics, env.Loggers);
        var events = new EventRecorder(env.Client, env.Time, env.Identity, env.Metrics, env.Loggers.CreateLogger<EventRecorder>());
        var tokens = new ApiTokenSecrets(env.Client, env.Time, options.ConflictRecheckPeriod, env.Metrics, env.Loggers.CreateLogger<ApiTokenSecrets>());
        var reconciler = new InstanceReconciler(env, caches, events, tokens, env.Loggers.CreateLogger<InstanceReconciler>());
        using var queue = new WorkQueue<WorkKey>(new Backoff(options.RetryInitialDelay, options.RetryMaxDelay), env.Time);
        Wire(caches, queue, reconciler);

        var informers = caches.All.ToList();
        var tasks = informers.Select(informer => informer.RunAsync(cancellationToken)).ToList();
        tasks.Add(ResyncAsync(caches, queue, cancellationToken));
        for (var i = 0; i < options.Workers; i++)
        {
            tasks.Add(WorkAsync(caches, queue, reconciler, cancellationToken));
        }

        ControllerLog.ReconcilerStarted(logger, options.Workers);
        env.CacheStatus.Attach(informers);
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        finally
        {
            env.CacheStatus.Detach(informers);
            env.Metrics.Instances.Set(0);
            ControllerLog.ReconcilerStopped(logger);
        }
    }

    private void Wire(ClusterCaches caches, WorkQueue<WorkKey> queue, InstanceReconciler reconciler)
    {
        caches.Instances.Changed += change =>
        {
            var instance = change.New;
            if (change.Type == WatchEventType.Deleted)
            {
                reconciler.OnInstanceDeleted(instance);
            }

            env.Metrics.Instances.Set(caches.Instances.Count);
            queue.Add(WorkKey.Instance(instance.Metadata.NamespaceProperty, instance.Metadata.Name));
        };

        caches.Pods.Changed += change =>
        {
            var pod = change.New;
            if (change.Type == WatchEventType.Deleted)
            {
                reconciler.OnPodDeleted(pod);
                return;
            }

            // Pod status updates also bump the resourceVersion; only labels and annotations matter here.
            if (change.Old is not null && SameMetadata(change.Old, pod))
            {
                return;
            }

            var ns = pod.Metadata.NamespaceProperty;
            if (PodMetadataRules.LabelledAppId(pod) is { } appId)
            {
                queue.Add(WorkKey.Instance(ns, appId));
            }
            else if (PodMetadataRules.IsMissed(pod))
            {
                queue.Add(WorkKey.MissedPod(ns, pod.Metadata.Name));
                if (PodAnnotationReader.AppIdOf(pod.Metadata.Annotations) is { } annotated && AppIdRules.IsValid(annotated))
                {
                    queue.Add(WorkKey.Instance(ns, annotated));
                }
            }
        };

        foreach (var kind in caches.Owned.All)
        {
            Subscribe(kind, queue);
        }

        caches.TrustBundle.Changed += _ =>
        {
            foreach (var instance in caches.Instances.List())
            {
                queue.Add(WorkKey.Instance(instance.Metadata.NamespaceProperty, instance.Metadata.Name));
            }
        };
    }

    private static void Subscribe(IOwnedKind kind, WorkQueue<WorkKey> queue)
    {
        void OnChange(V1ObjectMeta meta)
        {
            foreach (var owner in meta.OwnerReferences ?? [])
            {
                if (owner.Kind == DaprSharedInstance.EntityKind && owner.ApiVersion == DaprSharedInstance.GroupVersion)
                {
                    queue.Add(WorkKey.Instance(meta.NamespaceProperty, owner.Name));
                }
            }
        }

        kind.MetadataChanged += OnChange;
    }

    private async Task ResyncAsync(ClusterCaches caches, WorkQueue<WorkKey> queue, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(env.Options.ResyncPeriod, env.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var instance in caches.Instances.List())
                {
                    // A failing key already has its retry scheduled; a resync must not undercut its backoff.
                    var key = WorkKey.Instance(instance.Metadata.NamespaceProperty, instance.Metadata.Name);
                    if (queue.Failures(key) == 0)
                    {
                        queue.Add(key);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task WorkAsync(ClusterCaches caches, WorkQueue<WorkKey> queue, InstanceReconciler reconciler, CancellationToken cancellationToken)
    {
        try
        {
            // Deciding from half-filled caches would mistake "not listed yet" for "absent".
            await Task.WhenAll(caches.All.Select(i => i.WaitForSyncAsync(cancellationToken))).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                var key = await queue.TakeAsync(cancellationToken).ConfigureAwait(false);
                var started = env.Time.GetTimestamp();
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(env.Options.ReconcileTimeout);
                    var outcome = await reconciler.ReconcileAsync(key, timeout.Token).ConfigureAwait(false);
                    queue.Forget(key);
                    env.Metrics.Reconciles.WithLabels(outcome.Result).Inc();
                    if (outcome.RequeueAfter is { } after)
                    {
                        queue.AddAfter(key, after);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception e)
                {
                    var delay = queue.AddRateLimited(key);
                    env.Metrics.Reconciles.WithLabels(ControllerMetrics.ResultError).Inc();
                    ControllerLog.ReconcileFailed(logger, key.ToString(), ApiErrors.Describe(e), delay);
                }
                finally
                {
                    env.Metrics.ReconcileDuration.Observe(env.Time.GetElapsedTime(started).TotalSeconds);
                    queue.Done(key);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static bool SameMetadata(V1Pod a, V1Pod b) =>
        SameMap(a.Metadata.Labels, b.Metadata.Labels) && SameMap(a.Metadata.Annotations, b.Metadata.Annotations) &&
        (a.Metadata.DeletionTimestamp is null) == (b.Metadata.DeletionTimestamp is null);

    private static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.All(p => b!.TryGetValue(p.Key, out var v) && v == p.Value));
}
