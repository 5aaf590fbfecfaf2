using Microsoft.Extensions.Logging;

namespace DaprShared.Kubernetes;

/// <summary>Every log line of the kit. The event ids are the ones these lines had when the kit was part of the
/// controller (3000-3099, shared with the host's <c>ControllerLog</c>), so that log queries and alerts keep working.
/// Messages carry names, never object bodies.</summary>
internal static partial class KubernetesLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Kubernetes connection: {Source} ({Host})")]
    public static partial void ClusterConnected(ILogger logger, string source, string host);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Could not load the kubeconfig {Path}: {Error}")]
    public static partial void KubeconfigFailed(ILogger logger, string path, string error);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Leader election on lease {Namespace}/{Name} as {Identity}")]
    public static partial void LeaderElectionStarting(ILogger logger, string @namespace, string name, string identity);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "Became leader ({Identity}): reconciling")]
    public static partial void BecameLeader(ILogger logger, string identity);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "Stopped leading ({Identity}): reconciler work cancelled")]
    public static partial void StoppedLeading(ILogger logger, string identity);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "The leader is {Leader}")]
    public static partial void NewLeader(ILogger logger, string leader);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Warning, Message = "Leader election failed ({Error}); retrying in {Delay}")]
    public static partial void LeaderElectionFailed(ILogger logger, string error, TimeSpan delay);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Information, Message = "Released the lease {Namespace}/{Name} on shutdown")]
    public static partial void LeaseReleased(ILogger logger, string @namespace, string name);

    /// <summary>The first failure of a streak; the rest go to <see cref="WatchStillFailing"/> until a watch works.</summary>
    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "Watch of {Resource} failed ({Error}); retrying in {Delay}. The cache gets no updates until it works; repeats are logged at Debug")]
    public static partial void WatchFailed(ILogger logger, string resource, string error, TimeSpan delay);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Information, Message = "Watch of {Resource} expired (410 Gone): listing again")]
    public static partial void WatchExpired(ILogger logger, string resource);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Debug, Message = "Listed {Count} {Resource} at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, int count, string resource, string resourceVersion);

    [LoggerMessage(EventId = 3023, Level = LogLevel.Debug, Message = "Watch of {Resource} ended after {Events} events; reconnecting")]
    public static partial void WatchEnded(ILogger logger, string resource, int events);

    [LoggerMessage(EventId = 3024, Level = LogLevel.Debug, Message = "Watch of {Resource} failed again ({Failures} in a row: {Error}); retrying in {Delay}")]
    public static partial void WatchStillFailing(ILogger logger, string resource, int failures, string error, TimeSpan delay);

    [LoggerMessage(EventId = 3025, Level = LogLevel.Information, Message = "Watch of {Resource} healthy again after {Failures} failures (failing since {Since})")]
    public static partial void WatchRecovered(ILogger logger, string resource, int failures, string since);
}
