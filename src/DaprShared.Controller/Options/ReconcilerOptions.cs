using System.ComponentModel.DataAnnotations;

namespace DaprShared.Controller.Options;

/// <summary>How the reconciler runs (configuration section <c>Controller:Reconciler</c>). The defaults suit a
/// real cluster; tests shorten the durations.</summary>
public sealed class ReconcilerOptions
{
    public const string SectionName = "Controller:Reconciler";

    /// <summary>Off: the binary serves only the webhook (e.g. a second deployment that must not reconcile).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Keys reconciled in parallel.</summary>
    [Range(1, 32)]
    public int Workers { get; set; } = 2;

    /// <summary>Every instance is checked again this often even without a change; with nothing to do this costs
    /// no request at all (desired state is compared with the watch caches).</summary>
    public TimeSpan ResyncPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>One reconcile gives up (and is retried with backoff) after this, so a hung request cannot stall a worker.</summary>
    public TimeSpan ReconcileTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>First retry of a failed reconcile; doubles per failure up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>First retry of a failed list or watch; doubles per failure up to <see cref="WatchRetryMaxDelay"/>.</summary>
    public TimeSpan WatchRetryInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan WatchRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Server-side timeout of a watch request (randomised up to twice this).</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an instance with a conflicting (unmanaged) object checks whether it went away: such an
    /// object carries no label of ours, so no watch reports its deletion.</summary>
    public TimeSpan ConflictRecheckPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Report opted-in pods that the webhook did not inject. This watches the metadata (only) of every pod
    /// in the cluster: such pods carry no label of ours, and annotations cannot be selected server-side.</summary>
    public bool DetectMissedPods { get; set; } = true;
}
