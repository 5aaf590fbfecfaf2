namespace DaprShared.Core.Contract;

/// <summary>Every annotation and label key of the product contract (DESIGN §2–§4), defined once.</summary>
public static class DaprSharedKeys
{
    /// <summary>The prefix of every annotation of ours.</summary>
    public const string AnnotationPrefix = "dapr-shared.io/";

    // Pod annotations (the opt-in contract). The per-app settings among them are rows of Instances.InstanceSettings;
    // their keys are spelled out here too because attributes and switch labels need constants.
    public const string Enabled = "dapr-shared.io/enabled";
    public const string AppId = "dapr-shared.io/app-id";
    public const string Strategy = "dapr-shared.io/strategy";
    public const string AppPort = "dapr-shared.io/app-port";
    public const string AppChannelAddress = "dapr-shared.io/app-channel-address";
    public const string AppProtocol = "dapr-shared.io/app-protocol";
    public const string Config = "dapr-shared.io/config";
    public const string LogLevel = "dapr-shared.io/log-level";
    public const string Replicas = "dapr-shared.io/replicas";

    /// <summary>Annotation the webhook writes: the strategy it injected for.</summary>
    public const string Injected = "dapr-shared.io/injected";

    /// <summary>Pod label the webhook writes (value: app-id); the controller selects pods by it.</summary>
    public const string AppIdLabel = "dapr-shared.io/app-id";

    /// <summary>Namespace label: <c>true</c> opts in every pod that does not say otherwise.</summary>
    public const string NamespaceEnabledLabel = "dapr-shared.io/enabled";

    // Dapr's own keys.
    public const string DaprEnabled = "dapr.io/enabled";
    public const string DaprAppId = "dapr.io/app-id";

    /// <summary>Name of the container Dapr's sidecar injector adds.</summary>
    public const string DaprSidecarContainerName = "daprd";

    /// <summary>Annotation on every object the controller applies: a hash of the whole desired object, so a field
    /// dropped from the desired state is noticed (see the controller's DesiredHash).</summary>
    public const string DesiredHashAnnotation = "dapr-shared.io/desired-hash";

    // Labels on everything the controller creates.
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "dapr-shared";
    public const string FieldManager = "dapr-shared-controller";

    /// <summary>The User-Agent of every request to the API server (the controller's and self-managed TLS's): what
    /// audit logs show, and what managedFields record for writes without a field manager (the Lease).</summary>
    public const string UserAgent = "dapr-shared-controller";
}
