namespace DaprShared.Kubernetes.Runtime;

/// <summary>Why an informer starts a watch again (<see cref="IInformerMetrics.WatchRestarted"/>).</summary>
public static class WatchRestartReasons
{
    /// <summary>410 Gone: the resourceVersion is too old, and the cache is listed again.</summary>
    public const string Expired = "expired";

    /// <summary>The server ended the stream (every watch has a timeout).</summary>
    public const string Closed = "closed";

    /// <summary>The list or the watch failed.</summary>
    public const string Error = "error";
}
