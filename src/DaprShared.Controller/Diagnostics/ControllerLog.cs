using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Diagnostics;

/// <summary>Every log line of the controller, with stable event ids (3000-3099; 3001-3002, 3010-3015 and 3020-3025
/// are the Kubernetes kit's lines, <c>DaprShared.Kubernetes.KubernetesLog</c>). Messages carry names, never object
/// bodies: a pod's env or a Secret's data must never reach a log.</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "No Kubernetes cluster ({Reason}): the controller stays idle; the webhook keeps serving")]
    public static partial void NoCluster(ILogger logger, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "The controller is disabled by configuration (Controller:Reconciler:Enabled=false)")]
    public static partial void ControllerDisabled(ILogger logger);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Information, Message = "Leader election is off (Controller:LeaderElection:Enabled=false): reconciling without a lease")]
    public static partial void LeaderElectionDisabled(ILogger logger);

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
