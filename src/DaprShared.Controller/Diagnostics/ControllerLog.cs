using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Diagnostics;

/// <summary>Every log line of the controller, with stable event ids (3000-3099). Messages carry names, never
/// object bodies: a pod's env or a Secret's data must never reach a log.</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "No Kubernetes cluster ({Reason}): the controller stays idle; the webhook keeps serving")]
    public static partial void NoCluster(ILogger logger, string reason);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Kubernetes connection: {Source} ({Host})")]
    public static partial void ClusterConnected(ILogger logger, string source, string host);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Could not load the kubeconfig {Path}: {Error}")]
    public static partial void KubeconfigFailed(ILogger logger, string path, string error);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "The controller is disabled by configuration (Controller:Reconciler:Enabled=false)")]
    public static partial void ControllerDisabled(ILogger logger);

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

    [LoggerMessage(EventId = 3016, Level = LogLevel.Information, Message = "Leader election is off (Controller:LeaderElection:Enabled=false): reconciling without a lease")]
    public static partial void LeaderElectionDisabled(ILogger logger);

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

    [LoggerMessage(EventId = 3030, Level = LogLevel.Warning, Message = "Reconcile of {Key} failed ({Error}); retrying in {Delay}")]
    public static partial void ReconcileFailed(ILogger logger, string key, string error, TimeSpan delay);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Information, Message = "Applied {Kind} {Namespace}/{Name}")]
    public static partial void Applied(ILogger logger, string kind, string @namespace, string name);

    [LoggerMessage(EventId = 3047, Level = LogLevel.Warning, Message = "{Kind} {Namespace}/{Name} drifted in a way apply cannot repair ({Error}): deleting it to create it again")]
    public static partial void RecreatingInvalid(ILogger logger, string kind, string @namespace, string name, string error);

    [LoggerMessage(EventId = 3032, Level = LogLevel.Warning, Message = "{Kind} {Namespace}/{Name} exists and is not managed by DaprSharedInstance {Instance}: left alone")]
    public static partial void ObjectConflict(ILogger logger, string kind, string @namespace, string name, string instance);

    [LoggerMessage(EventId = 3033, Level = LogLevel.Information, Message = "Created DaprSharedInstance {Namespace}/{Name} from the annotations of pod {Pod}")]
    public static partial void InstanceCreated(ILogger logger, string @namespace, string name, string pod);

    [LoggerMessage(EventId = 3034, Level = LogLevel.Information, Message = "Created the API-token Secret {Namespace}/{Name}")]
    public static partial void ApiTokenCreated(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 3035, Level = LogLevel.Debug, Message = "The API-token Secret {Namespace}/{Name} already exists")]
    public static partial void ApiTokenExists(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 3036, Level = LogLevel.Debug, Message = "Updated the status of DaprSharedInstance {Namespace}/{Name}")]
    public static partial void StatusUpdated(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 3037, Level = LogLevel.Warning, Message = "Pod {Namespace}/{Pod} opted in to Dapr Shared but was not injected: the webhook did not see it")]
    public static partial void MissedPod(ILogger logger, string @namespace, string pod);

    [LoggerMessage(EventId = 3038, Level = LogLevel.Warning, Message = "DaprSharedInstance {Namespace}/{Name} is invalid: {Problems}")]
    public static partial void InvalidInstance(ILogger logger, string @namespace, string name, string problems);

    [LoggerMessage(EventId = 3039, Level = LogLevel.Warning, Message = "Could not record the event {Reason} on {Kind} {Namespace}/{Name}: {Error}")]
    public static partial void EventFailed(ILogger logger, string reason, string kind, string @namespace, string name, string error);

    [LoggerMessage(EventId = 3040, Level = LogLevel.Information, Message = "Deleted {Kind} {Namespace}/{Name}: the instance no longer needs it")]
    public static partial void UnwantedDeleted(ILogger logger, string kind, string @namespace, string name);

    [LoggerMessage(EventId = 3041, Level = LogLevel.Warning, Message = "Dapr's trust bundle (ConfigMap {Namespace}/{Name}, key ca.crt) was not found: trust anchors are not distributed until it exists")]
    public static partial void TrustBundleMissing(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 3042, Level = LogLevel.Information, Message = "Reconciler started with {Workers} workers")]
    public static partial void ReconcilerStarted(ILogger logger, int workers);

    [LoggerMessage(EventId = 3043, Level = LogLevel.Warning, Message = "Could not create the API-token Secret {Namespace}/{Name}: {Error}")]
    public static partial void ApiTokenFailed(ILogger logger, string @namespace, string name, string error);

    [LoggerMessage(EventId = 3044, Level = LogLevel.Information, Message = "Pod {Namespace}/{Pod} disagrees with DaprSharedInstance {Instance}: {Disagreements}")]
    public static partial void PodDisagrees(ILogger logger, string @namespace, string pod, string instance, string disagreements);

    [LoggerMessage(EventId = 3045, Level = LogLevel.Warning, Message = "Could not create a DaprSharedInstance for app-id {AppId} in {Namespace} from pod {Pod}: {Problems}")]
    public static partial void InstanceFromPodFailed(ILogger logger, string appId, string @namespace, string pod, string problems);

    [LoggerMessage(EventId = 3046, Level = LogLevel.Information, Message = "Reconciler stopped")]
    public static partial void ReconcilerStopped(ILogger logger);
}
