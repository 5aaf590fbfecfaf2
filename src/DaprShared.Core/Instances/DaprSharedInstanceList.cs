using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace DaprShared.Core.Instances;

/// <summary>The list type the API server returns for <c>GET .../daprsharedinstances</c>.</summary>
[KubernetesEntity(Group = DaprSharedInstance.Group, ApiVersion = DaprSharedInstance.Version, Kind = DaprSharedInstance.ListKind, PluralName = DaprSharedInstance.Plural)]
public sealed class DaprSharedInstanceList : IKubernetesObject<V1ListMeta>, IItems<DaprSharedInstance>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = DaprSharedInstance.GroupVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = DaprSharedInstance.ListKind;

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<DaprSharedInstance> Items { get; set; } = new List<DaprSharedInstance>();
}
