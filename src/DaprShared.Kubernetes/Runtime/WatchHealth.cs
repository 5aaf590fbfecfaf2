using System.Globalization;
using Microsoft.Extensions.Logging;

namespace DaprShared.Kubernetes.Runtime;

/// <summary>One informer's run of failures: counted every time, logged at Warning once per run (a watch the server
/// refuses is retried for ever, and a line per retry would bury everything else), at Information when a watch works
/// again, and published as <see cref="CacheStatus"/> and <see cref="IInformerMetrics"/>.</summary>
internal sealed class WatchHealth
{
    private readonly object gate = new();
    private readonly string resource;
    private readonly IInformerMetrics metrics;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private bool synced;
    private int failures;
    private DateTimeOffset? failingSince;
    private string? lastError;

    public WatchHealth(string resource, IInformerMetrics metrics, ILogger logger, TimeProvider time)
    {
        this.resource = resource;
        this.metrics = metrics;
        this.logger = logger;
        this.time = time;
    }

    public CacheStatus Status
    {
        get
        {
            lock (gate)
            {
                var state = failures > 0 ? CacheState.Failing : synced ? CacheState.Watching : CacheState.Listing;
                return new CacheStatus(resource, state, synced, failures, failingSince, lastError);
            }
        }
    }

    /// <summary>The informer starts: its state is published, not synced and not healthy, from the first moment.</summary>
    public void Starting() => Publish();

    public void Listed()
    {
        lock (gate)
        {
            synced = true;
        }

        Publish();
    }

    /// <summary>A list or watch failed; <paramref name="delay"/> is the wait before the next try.</summary>
    public void Failed(string reason, string error, TimeSpan delay)
    {
        metrics.WatchFailed(resource, reason);
        int count;
        lock (gate)
        {
            count = ++failures;
            failingSince ??= time.GetUtcNow();
            lastError = error;
        }

        Publish();
        if (count == 1)
        {
            KubernetesLog.WatchFailed(logger, resource, error, delay);
        }
        else
        {
            KubernetesLog.WatchStillFailing(logger, resource, count, error, delay);
        }
    }

    /// <summary>A watch delivered an event or lasted: the run of failures, if any, is over.</summary>
    public void Working()
    {
        int ended;
        lock (gate)
        {
            ended = failures;
            if (ended > 0)
            {
                // Said before the status turns healthy, so that whoever sees the healthy status finds the line too.
                KubernetesLog.WatchRecovered(logger, resource, ended, Format(failingSince));
            }

            failures = 0;
            failingSince = null;
            lastError = null;
        }

        if (ended > 0)
        {
            Publish();
        }
    }

    /// <summary>The informer stopped (e.g. a leadership term ended): a replica that does not lead has no caches, so it
    /// publishes none, rather than a 0 that would look like a failing leader.</summary>
    public void Stopped() => metrics.CacheStopped(resource);

    private static string Format(DateTimeOffset? when) =>
        when?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "?";

    private void Publish()
    {
        var status = Status;
        metrics.CacheState(resource, status.Synced, status.IsHealthy);
    }
}
