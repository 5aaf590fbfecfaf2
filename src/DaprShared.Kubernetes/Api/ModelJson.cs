using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace DaprShared.Kubernetes.Api;

/// <summary>Kubernetes objects to JSON by their runtime type, for hashing and comparing: the built-in kinds of
/// <see cref="KubernetesModelJson"/>, then those of the contexts added after it (a custom resource's, generated with
/// the same options). Source-generated throughout, so the Native AOT build does it too.</summary>
public sealed class ModelJson
{
    private readonly JsonSerializerOptions options;

    /// <param name="more">Contexts for types the kit does not know, asked after <see cref="KubernetesModelJson"/>.</param>
    public ModelJson(params IJsonTypeInfoResolver[] more)
    {
        ArgumentNullException.ThrowIfNull(more);
        options = new JsonSerializerOptions(KubernetesModelJson.Default.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([KubernetesModelJson.Default, .. more]),
        };
        options.MakeReadOnly();
    }

    /// <summary>The built-in kinds only.</summary>
    public static ModelJson Kubernetes { get; } = new();

    public string Serialize(object value) => JsonSerializer.Serialize(value, TypeInfo(value));

    public JsonNode? ToNode(object value) => JsonSerializer.SerializeToNode(value, TypeInfo(value));

    private JsonTypeInfo TypeInfo(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return options.GetTypeInfo(value.GetType());
    }
}
