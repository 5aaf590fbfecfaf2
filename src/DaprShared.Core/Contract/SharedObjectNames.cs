namespace DaprShared.Core.Contract;

/// <summary>Names of the objects that exist per namespace + app-id (DESIGN §4). The webhook and the controller
/// must agree on these, so they are derived in exactly one place.</summary>
public static class SharedObjectNames
{
    /// <summary>The suffix of the longest derived name; <see cref="AppIdRules.MaxLength"/> keeps it a DNS label.</summary>
    public const string ApiTokenSecretSuffix = "-dapr-api-token";

    public const string TrustAnchorsConfigMap = "dapr-shared-trust-anchors";
    public const string TrustAnchorsKey = "ca.crt";

    /// <summary>The ConfigMap of Dapr's trust bundle in the control-plane namespace (public roots only; Dapr's Secret
    /// of the same name holds the issuer key and is never read); only its <c>ca.crt</c> is ever copied.</summary>
    public const string DaprTrustBundleConfigMap = "dapr-trust-bundle";

    /// <summary>Service <c>&lt;app-id&gt;-dapr</c>: what Dapr name resolution uses for service invocation.</summary>
    public static string Service(string appId) => appId + "-dapr";

    /// <summary>Service <c>&lt;app-id&gt;-dapr-local</c> with internalTrafficPolicy Local (daemonset strategy).</summary>
    public static string LocalService(string appId) => appId + "-dapr-local";

    /// <summary>The daprd DaemonSet or Deployment, its ServiceAccount and PodDisruptionBudget.</summary>
    public static string Workload(string appId) => appId + "-dapr-shared";

    public static string ApiTokenSecret(string appId) => appId + ApiTokenSecretSuffix;

    /// <summary>The Service the webhook points an app at, which depends on the strategy.</summary>
    public static string EndpointService(string appId, SharedStrategy strategy) =>
        strategy == SharedStrategy.DaemonSet ? LocalService(appId) : Service(appId);

    public static string ServiceHost(string service, string ns, string clusterDomain) =>
        $"{service}.{ns}.svc.{clusterDomain}";
}
