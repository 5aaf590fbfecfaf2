using System.Globalization;
using DaprShared.Controller.Diagnostics;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Runtime;

/// <summary>One informer's run of failures: counted every time, logged at Warning once per run (a watch the server
/// refuses is retried for ever, and a line per retry would bury everything else), at Information when a watch works
/// again, and published as <see cref="CacheStatus"/> and the cache gauges.</summary>
internal sealed class WatchHealth
{
    private readonly object gate = new();
    private readonly string resource;
    private readonly ControllerMetrics metrics;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private bool synced;
    private int failures;
    private DateTimeOffset? failingSince;
    private string? lastError;

    public WatchHealth(string resource, ControllerMetrics metrics, ILogger logger, TimeProvider time)
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

    /// <summary>The informer starts: both gauges exist, at 0, from the first moment.</summary>
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
        metrics.WatchFailures.WithLabels(resource, reason).Inc();
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
            ControllerLog.WatchFailed(logger, resource, error, delay);
        }
        else
        {
            ControllerLog.WatchStillFailing(logger, resource, count, error, delay);
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
                ControllerLog.WatchRecovered(logger, resource, ended, Format(failingSince));
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

    /// <summary>The informer stopped (the term ended): a replica that does not lead has no caches, so no series either,
    /// rather than a 0 that would look like a failing leader.</summary>
    public void Stopped()
    {
        metrics.CacheSynced.RemoveLabelled(resource);
        metrics.WatchHealthy.RemoveLabelled(resource);
    }

    private static string Format(DateTimeOffset? when) =>
        when?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "?";

    private void Publish()
    {
        var status = Status;
        metrics.CacheSynced.WithLabels(resource).Set(status.Synced ? 1 : 0);
        metrics.WatchHealthy.WithLabels(resource).Set(status.IsHealthy ? 1 : 0);
    }
}
