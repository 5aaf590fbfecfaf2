using System.Text.Json;

namespace DaprShared.Controller.Api;

/// <summary>Kubernetes objects to JSON text with <see cref="KubernetesModelJson"/>, for hashing and comparing.</summary>
public static class ModelJson
{
    /// <summary>The JSON of <paramref name="value"/>, by its runtime type (which must be one of the context's).</summary>
    public static string Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.Serialize(value, value.GetType(), KubernetesModelJson.Default);
    }
}
