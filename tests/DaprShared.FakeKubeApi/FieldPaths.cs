using System.Text.Json.Nodes;

namespace DaprShared.FakeKubeApi;

/// <summary>Field paths in the server-side apply <c>FieldsV1</c> vocabulary: <c>f:name</c> (a map field),
/// <c>k:{"name":"x"}</c> (an item of an associative list, by its keys), <c>v:"x"</c> (an item of a set) and
/// <c>.</c> (the item itself). A path is the tokens joined with <see cref="Separator"/>.</summary>
/// <remarks>The real server knows from the OpenAPI schema which lists are associative; the fake uses the
/// table in <see cref="ListKeys"/> (by field name, for every resource), every other list is atomic.</remarks>
internal static class FieldPaths
{
    public const char Separator = '\u001f';
    public const string Self = ".";

    private static readonly HashSet<string> SystemMetadata =
    [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
        "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "generateName",
    ];

    /// <summary>The key fields of an associative list, or null for an atomic list.</summary>
    public static string[]? ListKeys(string field, JsonArray items)
    {
        if (items.Count == 0 || items.Any(i => i is not JsonObject))
        {
            return null;
        }

        var first = (JsonObject)items[0]!;
        string[]? keys = field switch
        {
            "containers" or "initContainers" or "ephemeralContainers" or "volumes" or "env" or "imagePullSecrets" => ["name"],
            "volumeMounts" => ["mountPath"],
            "volumeDevices" => ["devicePath"],
            "conditions" => ["type"],
            "ownerReferences" => ["uid"],
            "hostAliases" => ["ip"],
            "topologySpreadConstraints" => ["topologyKey", "whenUnsatisfiable"],
            "ports" when first.ContainsKey("containerPort") => ["containerPort", "protocol"],
            "ports" when first.ContainsKey("port") => ["port", "protocol"],
            _ => null,
        };

        return keys is not null && items.All(i => ((JsonObject)i!).ContainsKey(keys[0])) ? keys : null;
    }

    public static bool IsSet(string field) => field == "finalizers";

    /// <summary>The key token of an associative list item. A missing <c>protocol</c> counts as TCP, the default the
    /// real server fills in before it compares keys.</summary>
    public static string KeyToken(JsonObject item, string[] keys)
    {
        var key = new JsonObject();
        foreach (var name in keys)
        {
            var value = item[name]?.DeepClone();
            if (value is null && name == "protocol")
            {
                value = "TCP";
            }

            if (value is not null)
            {
                key[name] = value;
            }
        }

        return "k:" + key.ToJsonString();
    }

    public static string Join(IEnumerable<string> tokens) => string.Join(Separator, tokens);

    public static string[] Split(string path) => path.Split(Separator);

    /// <summary>Every leaf path of an object (or of its <c>status</c> only), skipping the fields the server owns.</summary>
    public static HashSet<string> Leaves(JsonObject obj, FieldScope scope)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind" || value is null)
            {
                continue;
            }

            if ((scope == FieldScope.StatusOnly && key != "status") || (scope == FieldScope.AllButStatus && key == "status"))
            {
                continue;
            }

            if (key == "metadata" && value is JsonObject metadata)
            {
                foreach (var (metaKey, metaValue) in metadata)
                {
                    if (!SystemMetadata.Contains(metaKey) && metaValue is not null)
                    {
                        Walk(metaValue, ["f:metadata", "f:" + metaKey], metaKey, result);
                    }
                }

                continue;
            }

            Walk(value, ["f:" + key], key, result);
        }

        return result;
    }

    private static void Walk(JsonNode node, List<string> prefix, string field, HashSet<string> result)
    {
        switch (node)
        {
            case JsonObject map when map.Count > 0:
                foreach (var (key, value) in map)
                {
                    if (value is not null)
                    {
                        Walk(value, [.. prefix, "f:" + key], key, result);
                    }
                }

                break;
            case JsonArray list when IsSet(field) && list.All(i => i is JsonValue):
                foreach (var item in list)
                {
                    result.Add(Join([.. prefix, "v:" + item!.ToJsonString()]));
                }

                break;
            case JsonArray list when ListKeys(field, list) is { } keys:
                foreach (var item in list.Cast<JsonObject>())
                {
                    var itemPrefix = new List<string>(prefix) { KeyToken(item, keys) };
                    result.Add(Join([.. itemPrefix, Self]));
                    foreach (var (key, value) in item)
                    {
                        if (value is not null)
                        {
                            Walk(value, [.. itemPrefix, "f:" + key], key, result);
                        }
                    }
                }

                break;
            default:
                result.Add(Join(prefix));
                break;
        }
    }

    /// <summary>The value at a path, or null when absent.</summary>
    public static JsonNode? ValueAt(JsonNode root, string path)
    {
        JsonNode? current = root;
        string? field = null;
        foreach (var token in Split(path))
        {
            if (current is null)
            {
                return null;
            }

            if (token == Self)
            {
                continue;
            }

            if (token.StartsWith("f:", StringComparison.Ordinal))
            {
                field = token[2..];
                current = current is JsonObject o ? o[field] : null;
            }
            else if (token.StartsWith("k:", StringComparison.Ordinal))
            {
                current = current is JsonArray a ? FindItem(a, field!, token) : null;
            }
            else if (token.StartsWith("v:", StringComparison.Ordinal))
            {
                current = current is JsonArray a ? a.FirstOrDefault(i => i is not null && i.ToJsonString() == token[2..]) : null;
            }
        }

        return current;
    }

    public static JsonObject? FindItem(JsonArray list, string field, string token)
    {
        var keys = ListKeys(field, list);
        if (keys is null)
        {
            return null;
        }

        foreach (var item in list)
        {
            if (item is JsonObject o && KeyToken(o, keys) == token)
            {
                return o;
            }
        }

        return null;
    }

    /// <summary>Removes the field or list item a path names, if present.</summary>
    public static void Remove(JsonNode root, string path)
    {
        var tokens = Split(path);
        var removeItem = tokens[^1] == Self;
        var last = removeItem ? tokens.Length - 2 : tokens.Length - 1;
        JsonNode? parent = root;
        string? field = null;
        for (var i = 0; i < last && parent is not null; i++)
        {
            var token = tokens[i];
            if (token.StartsWith("f:", StringComparison.Ordinal))
            {
                field = token[2..];
                parent = parent is JsonObject o ? o[field] : null;
            }
            else if (token.StartsWith("k:", StringComparison.Ordinal))
            {
                parent = parent is JsonArray a ? FindItem(a, field!, token) : null;
            }
        }

        var target = tokens[last];
        switch (parent)
        {
            case JsonObject map when target.StartsWith("f:", StringComparison.Ordinal):
                map.Remove(target[2..]);
                break;
            case JsonArray list when target.StartsWith("k:", StringComparison.Ordinal) && removeItem:
                var item = FindItem(list, field!, target);
                if (item is not null)
                {
                    list.Remove(item);
                }

                break;
            case JsonArray list when target.StartsWith("v:", StringComparison.Ordinal):
                var value = list.FirstOrDefault(i => i is not null && i.ToJsonString() == target[2..]);
                if (value is not null)
                {
                    list.Remove(value);
                }

                break;
        }
    }

    /// <summary>Renders paths as a <c>fieldsV1</c> tree.</summary>
    public static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var token in Split(path))
            {
                if (node[token] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[token] = child;
                }

                node = child;
            }
        }

        return root;
    }
}

/// <summary>Which part of an object a write may touch.</summary>
internal enum FieldScope
{
    /// <summary>Everything but <c>status</c> (a resource with a status subresource, written at its main path).</summary>
    AllButStatus,

    /// <summary>Only <c>status</c> (the <c>/status</c> subresource).</summary>
    StatusOnly,

    /// <summary>Everything, status included (a resource without a status subresource).</summary>
    Everything,
}
