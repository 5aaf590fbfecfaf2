using System.Text.Json.Serialization;
using k8s.Models;

namespace DaprShared.Core.Instances;

/// <summary>What the controller observed. Written through the status subresource only.</summary>
public sealed class DaprSharedInstanceStatus
{
    /// <summary>Standard conditions, see <see cref="InstanceConditions"/> (<c>Ready</c>, <c>Conflict</c>).</summary>
    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>The strategy in effect (the spec's, or the configured default): what <c>kubectl get dsi</c> shows.</summary>
    [JsonPropertyName("strategy")]
    public string? Strategy { get; set; }

    /// <summary>Where apps reach this daprd (what the webhook injects).</summary>
    [JsonPropertyName("endpoints")]
    public InstanceEndpoints? Endpoints { get; set; }
}
