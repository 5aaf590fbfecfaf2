namespace DaprShared.Kubernetes.Runtime;

/// <summary>What an <see cref="Informer{T}"/> counts and shows, for the host to publish under its own metric names.
/// Called on the informer's task: implementations must be quick and must not throw.</summary>
public interface IInformerMetrics
{
    /// <summary>A watch is started again, for one of <see cref="WatchRestartReasons"/>.</summary>
    void WatchRestarted(string resource, string reason);

    /// <summary>A list or watch failed, for one of <see cref="WatchFailureReasons"/>; 410 Gone is not a failure.</summary>
    void WatchFailed(string resource, string reason);

    /// <summary>The cache has been listed (<paramref name="synced"/>) and its watch works (<paramref name="healthy"/>).
    /// Called when the informer starts, and whenever either changes.</summary>
    void CacheState(string resource, bool synced, bool healthy);

    /// <summary>The informer stopped: a cache that no longer runs shows nothing, rather than a 0 that would look
    /// like a failing one.</summary>
    void CacheStopped(string resource);
}
