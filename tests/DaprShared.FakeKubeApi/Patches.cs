using System.Text.Json.Nodes;

namespace DaprShared.FakeKubeApi;

/// <summary>The non-apply patch types: RFC 7386 merge patch, RFC 6902 JSON patch, and strategic merge patch.</summary>
/// <remarks>Strategic merge patch is approximated as a merge patch whose associative lists (the table in
/// <see cref="FieldPaths"/>) merge by key and whose <c>$patch: delete</c> items are removed; other directives
/// (<c>$retainKeys</c>, <c>$setElementOrder</c>, <c>$deleteFromPrimitiveList</c>) are ignored.</remarks>
internal static class Patches
{
    public static JsonNode? MergePatch(JsonNode? target, JsonNode? patch, bool strategic, string field = "")
    {
        if (patch is JsonArray patchList && strategic && target is JsonArray targetList && FieldPaths.ListKeys(field, patchList) is { } keys)
        {
            var result = (JsonArray)targetList.DeepClone();
            foreach (var item in patchList.Cast<JsonObject>())
            {
                var token = FieldPaths.KeyToken(item, keys);
                var existing = FieldPaths.FindItem(result, field, token);
                var delete = item["$patch"]?.GetValue<string>() == "delete";
                if (existing is not null)
                {
                    var index = result.IndexOf(existing);
                    if (delete)
                    {
                        result.RemoveAt(index);
                    }
                    else
                    {
                        result[index] = MergePatch(existing, item, strategic);
                    }
                }
                else if (!delete)
                {
                    result.Add(item.DeepClone());
                }
            }

            return result;
        }

        if (patch is not JsonObject patchMap)
        {
            return patch?.DeepClone();
        }

        var map = target as JsonObject is { } targetMap ? (JsonObject)targetMap.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchMap)
        {
            if (strategic && key.StartsWith('$'))
            {
                continue;
            }

            if (value is null)
            {
                map.Remove(key);
            }
            else
            {
                map[key] = MergePatch(map[key], value, strategic, key);
            }
        }

        return map;
    }

    /// <summary>Applies RFC 6902 operations as kube-apiserver's json-patch library does: a failing <c>test</c>, a
    /// missing parent, a missing key to remove or an unknown operation is a 422; <c>replace</c> of a key missing from an
    /// object sets it, and <c>test</c> of such a key against <c>null</c> passes.</summary>
    public static JsonNode? JsonPatch(JsonNode? document, JsonArray operations)
    {
        var root = document?.DeepClone();
        foreach (var raw in operations)
        {
            if (raw is not JsonObject op || op["op"]?.GetValue<string>() is not { } kind || op["path"]?.GetValue<string>() is not { } path)
            {
                throw ApiError.BadRequest("the JSON patch is not an array of operations with op and path");
            }

            switch (kind)
            {
                case "add":
                    root = Add(root, path, op["value"]?.DeepClone());
                    break;
                case "remove":
                    root = Remove(root, path, out _);
                    break;
                case "replace":
                    root = Replace(root, path, op["value"]?.DeepClone());
                    break;
                case "move":
                    root = Remove(root, From(op), out var moved);
                    root = Add(root, path, moved);
                    break;
                case "copy":
                    root = Add(root, path, Get(root, From(op))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(GetOrNull(root, path), op["value"]))
                    {
                        throw Unprocessable($"testing value {path} failed");
                    }

                    break;
                default:
                    throw Unprocessable($"unexpected JSON patch operation \"{kind}\"");
            }
        }

        return root;
    }

    private static string From(JsonObject op) =>
        op["from"]?.GetValue<string>() ?? throw ApiError.BadRequest("JSON patch move/copy without from");

    // The real server answers every one of these with the same generic message; the specific one goes to the
    // request log only.
    private static ApiError Unprocessable(string message) => ApiError.UnprocessablePatch(message);

    private static string[] Tokens(string path)
    {
        if (path.Length == 0)
        {
            return [];
        }

        if (path[0] != '/')
        {
            throw Unprocessable($"invalid JSON pointer \"{path}\"");
        }

        return path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
    }

    private static JsonNode? Get(JsonNode? root, string path)
    {
        var node = root;
        foreach (var token in Tokens(path))
        {
            node = node switch
            {
                JsonObject o when o.ContainsKey(token) => o[token],
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw Unprocessable($"doc is missing path: \"{path}\""),
            };
        }

        return node;
    }

    /// <summary>The value at <paramref name="path"/>; null for a key its parent object lacks (the parent must exist).</summary>
    private static JsonNode? GetOrNull(JsonNode? root, string path)
    {
        var tokens = Tokens(path);
        return tokens.Length > 0 && Parent(root, tokens) is JsonObject o && !o.ContainsKey(tokens[^1]) ? null : Get(root, path);
    }

    /// <summary>Sets an object's key whether or not it exists; an array element must exist.</summary>
    private static JsonNode? Replace(JsonNode? root, string path, JsonNode? value)
    {
        var tokens = Tokens(path);
        if (tokens.Length > 0 && Parent(root, tokens) is JsonObject o)
        {
            o[tokens[^1]] = value;
            return root;
        }

        root = Remove(root, path, out _);
        return Add(root, path, value);
    }

    private static JsonNode? Parent(JsonNode? root, string[] tokens) =>
        tokens.Length == 1
            ? root
            : Get(root, "/" + string.Join('/', tokens[..^1].Select(t => t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))));

    private static JsonNode? Add(JsonNode? root, string path, JsonNode? value)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0)
        {
            return value;
        }

        var parent = Get(root, "/" + string.Join('/', tokens[..^1].Select(t => t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))));
        if (tokens.Length == 1)
        {
            parent = root;
        }

        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw Unprocessable($"doc is missing path: \"{path}\"");
        }

        return root;
    }

    private static JsonNode? Remove(JsonNode? root, string path, out JsonNode? removed)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0)
        {
            removed = root;
            return null;
        }

        var parent = tokens.Length == 1
            ? root
            : Get(root, "/" + string.Join('/', tokens[..^1].Select(t => t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                removed = o[last];
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count:
                removed = a[i];
                a.RemoveAt(i);
                break;
            default:
                throw Unprocessable($"doc is missing path: \"{path}\"");
        }

        return root;
    }
}
