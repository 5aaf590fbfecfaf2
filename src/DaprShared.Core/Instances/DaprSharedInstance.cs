using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace DaprShared.Core.Instances;

/// <summary>The declarative record of one shared daprd instance (namespace + app-id), DESIGN §4.
/// CRD <c>daprsharedinstances.dapr-shared.io</c>, file <c>deploy/crds/daprsharedinstances.dapr-shared.io.yaml</c>.</summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = EntityKind, PluralName = Plural)]
public sealed class DaprSharedInstance : IKubernetesObject<V1ObjectMeta>, ISpec<DaprSharedInstanceSpec>, IStatus<DaprSharedInstanceStatus?>
{
    public const string Group = "dapr-shared.io";
    public const string Version = "v1alpha1";
    public const string GroupVersion = Group + "/" + Version;
    public const string EntityKind = "DaprSharedInstance";
    public const string ListKind = "DaprSharedInstanceList";
    public const string Plural = "daprsharedinstances";
    public const string Singular = "daprsharedinstance";
    public const string ShortName = "dsi";

    /// <summary>The CRD's name, <c>&lt;plural&gt;.&lt;group&gt;</c>.</summary>
    public const string CrdName = Plural + "." + Group;

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = GroupVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = EntityKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public DaprSharedInstanceSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public DaprSharedInstanceStatus? Status { get; set; }
}
