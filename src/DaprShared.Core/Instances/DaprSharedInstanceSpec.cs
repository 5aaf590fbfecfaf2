using System.Text.Json.Serialization;

namespace DaprShared.Core.Instances;

/// <summary>What the user (or the controller, from a pod's annotations) asks for. Wire names match the CRD schema;
/// unset optional fields are <c>null</c> and resolved by <see cref="InstanceSpecResolver"/>.</summary>
public sealed class DaprSharedInstanceSpec
{
    /// <summary>The Dapr app-id; must equal <c>metadata.name</c> (the CRD enforces it), so one app-id has one instance.</summary>
    [JsonPropertyName("appId")]
    public string AppId { get; set; } = "";

    /// <summary><c>daemonset</c> or <c>deployment</c>; unset = <c>Injector:DefaultStrategy</c>.</summary>
    [JsonPropertyName("strategy")]
    public string? Strategy { get; set; }

    /// <summary>daprd <c>--app-port</c>; unset = no app channel.</summary>
    [JsonPropertyName("appPort")]
    public int? AppPort { get; set; }

    /// <summary>daprd <c>--app-channel-address</c>; unset with an app port = <c>&lt;app-id&gt;.&lt;ns&gt;.svc.&lt;clusterDomain&gt;</c>.</summary>
    [JsonPropertyName("appChannelAddress")]
    public string? AppChannelAddress { get; set; }

    /// <summary>daprd <c>--app-protocol</c>; unset = <c>http</c>.</summary>
    [JsonPropertyName("appProtocol")]
    public string? AppProtocol { get; set; }

    /// <summary>Name of a Dapr Configuration for daprd <c>--config</c>; unset = none.</summary>
    [JsonPropertyName("config")]
    public string? Config { get; set; }

    /// <summary>daprd <c>--log-level</c>; unset = <c>info</c>.</summary>
    [JsonPropertyName("logLevel")]
    public string? LogLevel { get; set; }

    /// <summary>daprd <c>--log-as-json</c>; unset = <c>Controller:LogAsJson</c>.</summary>
    [JsonPropertyName("logAsJson")]
    public bool? LogAsJson { get; set; }

    /// <summary>Replicas for the deployment strategy; unset = 1.</summary>
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }
}
