using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Runtime;
using DaprShared.Kubernetes.Api;
using DaprShared.Kubernetes.Runtime;
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
        var jobs = TermJobs.Create(env, new ClusterCaches(env.Client, informerSettings, env.Settings, options.DetectMissedPods, env.Metrics, env.Loggers));
        var caches = jobs.Caches;
        using var queue = new WorkQueue<WorkKey>(new Backoff(options.RetryInitialDelay, options.RetryMaxDelay), env.Time);
        WorkTriggers.Wire(jobs, queue, env.Metrics);

        var informers = caches.All.ToList();
        var tasks = informers.Select(informer => informer.RunAsync(cancellationToken)).ToList();
        tasks.Add(ResyncAsync(caches, queue, cancellationToken));
        for (var i = 0; i < options.Workers; i++)
        {
            tasks.Add(WorkAsync(jobs, queue, cancellationToken));
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

    /// <summary>Each work item to the job that does it.</summary>
    private static Task<ReconcileOutcome> DispatchAsync(TermJobs jobs, WorkKey key, CancellationToken cancellationToken)
    {
        if (key.Kind == WorkKind.MissedPod)
        {
            return jobs.MissedPods.ReportAsync(key.Namespace, key.Name, cancellationToken);
        }

        if (!jobs.Caches.Instances.TryGet(key.Namespace, key.Name, out var instance))
        {
            return jobs.Bootstrap.CreateFromPodsAsync(key.Namespace, key.Name, cancellationToken);
        }

        if (instance.Metadata.DeletionTimestamp is not null)
        {
            // Owner references hand everything it owns to the garbage collector; no finalizer is needed.
            return Task.FromResult(ReconcileOutcome.Success);
        }

        jobs.Bootstrap.OnInstanceExists(key.Namespace, key.Name);
        return jobs.Instances.ReconcileAsync(instance, cancellationToken);
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

    private async Task WorkAsync(TermJobs jobs, WorkQueue<WorkKey> queue, CancellationToken cancellationToken)
    {
        try
        {
            // Deciding from half-filled caches would mistake "not listed yet" for "absent".
            await Task.WhenAll(jobs.Caches.All.Select(i => i.WaitForSyncAsync(cancellationToken))).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                var key = await queue.TakeAsync(cancellationToken).ConfigureAwait(false);
                var started = env.Time.GetTimestamp();
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(env.Options.ReconcileTimeout);
                    var outcome = await DispatchAsync(jobs, key, timeout.Token).ConfigureAwait(false);
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
}
