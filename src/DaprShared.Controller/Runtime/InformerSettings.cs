namespace DaprShared.Controller.Runtime;

/// <summary>Timing of every informer of one controller.</summary>
public sealed record InformerSettings(Backoff Backoff, TimeProvider Time)
{
    /// <summary>Base server-side timeout of a watch request (randomised up to twice this, like client-go, so that
    /// replicas do not reconnect in lockstep).</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A watch that ends sooner than this without any event counts as a failure for backoff.</summary>
    public TimeSpan HealthyWatchDuration { get; init; } = TimeSpan.FromSeconds(1);
}
