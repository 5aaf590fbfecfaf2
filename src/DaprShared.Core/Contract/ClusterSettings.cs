namespace DaprShared.Core.Contract;

/// <summary>Cluster-wide settings that the webhook and the controller must agree on (configuration section
/// <c>Injector</c>, registered by the webhook host). Settable, so the configuration binder's generated code can bind
/// it (it skips init-only properties).</summary>
public sealed record ClusterSettings
{
    public const string SectionName = "Injector";

    /// <summary>The cluster's DNS domain, used in every Service host name.</summary>
    public string ClusterDomain { get; set; } = "cluster.local";

    /// <summary>Strategy for pods that do not set <c>dapr-shared.io/strategy</c>.</summary>
    public SharedStrategy DefaultStrategy { get; set; } = SharedStrategy.DaemonSet;

    /// <summary>When on, apps get <c>DAPR_API_TOKEN</c> from the instance's Secret and daprd requires it: a
    /// shared daprd listens on the pod network, so it must not be open to every pod.</summary>
    public bool ApiTokens { get; set; } = true;
}
