using System.Text.Json;

namespace DaprShared.Core.Injection;

/// <summary>Read-only, allocation-free access to the parts of a pod's JSON the injector looks at. Works on the
/// raw <see cref="JsonElement"/> so that a pod is never copied or deserialised: reading costs what is looked at,
/// not the size of the pod, and fields KubernetesClient does not know cannot be lost. The handful of elements every
/// rule needs are looked up once here: a lookup is a linear scan of an object's members.</summary>
internal readonly struct PodJson
{
    public PodJson(JsonElement pod)
    {
        Metadata = Child(pod, "metadata"u8);
        Labels = Child(Metadata, "labels"u8);
        Annotations = Child(Metadata, "annotations"u8);
        Spec = Child(pod, "spec"u8);
    }

    public JsonElement Metadata { get; }

    public JsonElement Labels { get; }

    public JsonElement Annotations { get; }

    public JsonElement Spec { get; }

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

    /// <inheritdoc cref="Child(JsonElement, string)"/>
    public static JsonElement Child(JsonElement parent, ReadOnlySpan<byte> utf8Name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(utf8Name, out var child) ? child : default;

    public static string? StringMember(JsonElement parent, string name)
    {
        var child = Child(parent, name);
        return child.ValueKind == JsonValueKind.String ? child.GetString() : null;
    }
}
