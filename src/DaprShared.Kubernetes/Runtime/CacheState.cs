namespace DaprShared.Kubernetes.Runtime;

/// <summary>Where a watch cache stands.</summary>
public enum CacheState
{
    /// <summary>The first list has not completed yet: the cache does not know what exists.</summary>
    Listing,

    /// <summary>Listed, and the watch works (or has not failed yet): the cache follows the cluster.</summary>
    Watching,

    /// <summary>Lists or watches keep failing: the cache does not see changes (and may not be listed either).</summary>
    Failing,
}
