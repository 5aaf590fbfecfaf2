using System.Text.Json.Serialization;

namespace DaprShared.Core.Instances;

/// <summary>The daprd endpoints apps of this instance use: the same values the webhook injects as
/// <c>DAPR_HTTP_ENDPOINT</c> and <c>DAPR_GRPC_ENDPOINT</c>.</summary>
public sealed class InstanceEndpoints
{
    [JsonPropertyName("http")]
    public string? Http { get; set; }

    [JsonPropertyName("grpc")]
    public string? Grpc { get; set; }
}
