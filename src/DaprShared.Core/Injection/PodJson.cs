using System.Text.Json;

namespace DaprShared.Core.Injection;

/// <summary>Read-only, allocation-free access to the parts of a pod's JSON the injector looks at. Works on the
/// raw <see cref="JsonElement"/> so that a pod is never copied or deserialised: reading costs what is looked at,
/// not the size of the pod, and fields KubernetesClient does not know cannot be lost.</summary>
internal readonly struct PodJson(JsonElement pod)
{
    public JsonElement Metadata => Child(pod, "metadata");

    public JsonElement Labels => Child(Metadata, "labels");

    public JsonElement Annotations => Child(Metadata, "annotations");

    public JsonElement Spec => Child(pod, "spec");

    public bool HasMetadata => IsObject(Metadata);

    /// <summary>An annotation's string value; null when absent or not a string.</summary>
    public string? Annotation(string key) => StringMember(Annotations, key);

    public string? Label(string key) => StringMember(Labels, key);

    public JsonElement Containers(string listName) => Child(Spec, listName);

    public static bool IsObject(JsonElement element) => element.ValueKind == JsonValueKind.Object;

    public static bool IsArray(JsonElement element) => element.ValueKind == JsonValueKind.Array;

    /// <summary>A member of an object; <c>default</c> (kind Undefined) when the parent is not an object or lacks it.</summary>
    public static JsonElement Child(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var child) ? child : default;

    public static string? StringMember(JsonElement parent, string name)
    {
        var child = Child(parent, name);
        return child.ValueKind == JsonValueKind.String ? child.GetString() : null;
    }
}
