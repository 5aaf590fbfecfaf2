namespace DaprShared.Kubernetes.Runtime;

/// <summary>Timing of every informer of one controller.</summary>
public sealed record InformerSettings(Backoff Backoff, TimeProvider Time)
{
    /// <summary>Base server-side timeout of a watch request (randomised up to twice this, like client-go, so that
    /// replicas do not reconnect in lockstep).</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A watch that ends sooner than this without any event counts as a failure for backoff.</summary>
    public TimeSpan HealthyWatchDuration { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A watch still open this long after it was sent has been accepted by the server: its cache is working
    /// even when no event arrives. Longer than a request's latency on a busy API server, so that a watch the server is
    /// about to refuse is not called working first. <see cref="Timeout.InfiniteTimeSpan"/>: only an event proves it.</summary>
    public TimeSpan OpenWatchWorksAfter { get; init; } = TimeSpan.FromSeconds(5);
}
