using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;

namespace DaprShared.Kubernetes.Api;

/// <summary>One line of a watch stream: <c>{"type":"ADDED","object":{...}}</c>.</summary>
internal static class WatchLine
{
    /// <summary>The event, or null for a blank line, an ERROR event (reported to <paramref name="onError"/>), or a
    /// type this client does not know.</summary>
    public static (WatchEventType Type, T Object)? Parse<T>(string line, JsonTypeInfo<T> type, Action<Exception> onError)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (!root.TryGetProperty("type"u8, out var typeName) || !root.TryGetProperty("object"u8, out var value))
        {
            throw new JsonException("a watch event without type or object");
        }

        switch (typeName.GetString())
        {
            case "ADDED":
                return (WatchEventType.Added, Object(value, type));
            case "MODIFIED":
                return (WatchEventType.Modified, Object(value, type));
            case "DELETED":
                return (WatchEventType.Deleted, Object(value, type));
            case "BOOKMARK":
                return (WatchEventType.Bookmark, Object(value, type));
            case "ERROR":
                var status = value.Deserialize(KubernetesModelJson.Default.V1Status);
                onError(new KubernetesException(status));
                return null;
            default:
                return null;
        }
    }

    private static T Object<T>(JsonElement value, JsonTypeInfo<T> type)
        where T : class =>
        value.Deserialize(type) ?? throw new JsonException("a watch event with a null object");
}
