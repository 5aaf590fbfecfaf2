namespace DaprShared.Kubernetes.Runtime;

/// <summary>One watch cache as it is now, for readiness detail and operators.</summary>
/// <param name="Resource">The resource name used in logs and metrics, e.g. <c>pods</c>.</param>
/// <param name="State">Listing, watching or failing.</param>
/// <param name="Synced">Whether the first list has completed; a failing cache may still be synced (and stale).</param>
/// <param name="Failures">Failures in a row, 0 unless failing.</param>
/// <param name="FailingSince">When the current run of failures started.</param>
/// <param name="LastError">The latest failure, with the server's message when it gave one.</param>
public sealed record CacheStatus(string Resource, CacheState State, bool Synced, int Failures, DateTimeOffset? FailingSince, string? LastError)
{
    /// <summary>Listed and watching: the controller decides from an up-to-date view.</summary>
    public bool IsHealthy => State == CacheState.Watching;
}
