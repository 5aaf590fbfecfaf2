using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaprShared.Controller.Api;

/// <summary>Kubernetes objects to JSON with <see cref="KubernetesModelJson"/>, by their runtime type (which must be
/// one of the context's), for hashing and comparing.</summary>
public static class ModelJson
{
    public static string Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.Serialize(value, value.GetType(), KubernetesModelJson.Default);
    }

    public static JsonNode? ToNode(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.SerializeToNode(value, value.GetType(), KubernetesModelJson.Default);
    }
}
