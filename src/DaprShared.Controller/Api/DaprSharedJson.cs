using System.Text.Json;
using System.Text.Json.Serialization;
using DaprShared.Core.Instances;
using k8s;

namespace DaprShared.Controller.Api;

/// <summary>Source-generated JSON for the product's own kind, with exactly the options of the kit's
/// <see cref="DaprShared.Kubernetes.Api.KubernetesModelJson"/> (KubernetesClient's serializer options): a test proves the
/// bytes are KubernetesJson's.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    Converters = [typeof(KubernetesJson.Iso8601TimeSpanConverter), typeof(KubernetesJson.KubernetesDateTimeConverter), typeof(KubernetesJson.KubernetesDateTimeOffsetConverter)])]
[JsonSerializable(typeof(DaprSharedInstance))]
[JsonSerializable(typeof(DaprSharedInstanceList))]
[JsonSerializable(typeof(DaprSharedInstanceStatus))]
[JsonSerializable(typeof(JsonElement))] // object-typed fields (managedFields[].fieldsV1) read back as JsonElement
public sealed partial class DaprSharedJson : JsonSerializerContext
{
}
