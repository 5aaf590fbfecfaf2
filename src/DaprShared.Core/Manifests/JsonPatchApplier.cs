using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaprShared.Core.Patching;

namespace DaprShared.Core.Manifests;

/// <summary>Applies the RFC 6902 <c>add</c> and <c>replace</c> operations the injector emits to a
/// <see cref="JsonNode"/> tree, in place. Strict like the API server's patcher: a missing parent, an index past
/// the end or a malformed pointer fails the whole patch instead of guessing.</summary>
public static class JsonPatchApplier
{
    /// <summary>Applies <paramref name="operations"/> in order and returns the document's new root (the same node
    /// unless an operation targets the whole document, path "").</summary>
    public static JsonNode? Apply(JsonNode? document, IReadOnlyList<PatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        foreach (var operation in operations)
        {
            document = Apply(document, operation);
        }

        return document;
    }

    private static JsonNode? Apply(JsonNode? document, PatchOperation operation)
    {
        var tokens = Parse(operation.Path);
        var value = ToNode(operation.Value);
        var verb = operation.Kind == PatchOperationKind.Add ? "add" : "replace";
        if (tokens.Count == 0)
        {
            // The whole document: add and replace both swap it.
            return value;
        }

        var parent = document;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            parent = Child(parent, tokens[i]) is (true, var child)
                ? child
                : throw new JsonPatchApplyException($"{verb} {operation.Path}: the parent {Prefix(tokens, i + 1)} does not exist");
        }

        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject mapping:
                if (operation.Kind == PatchOperationKind.Replace && !mapping.ContainsKey(last))
                {
                    throw new JsonPatchApplyException($"replace {operation.Path}: there is no member \"{last}\" to replace");
                }

                mapping[last] = value;
                break;
            case JsonArray sequence:
                if (operation.Kind == PatchOperationKind.Add && last == "-")
                {
                    sequence.Add(value);
                }
                else if (TryIndex(last, out var index)
                         && (operation.Kind == PatchOperationKind.Add ? index <= sequence.Count : index < sequence.Count))
                {
                    if (operation.Kind == PatchOperationKind.Add)
                    {
                        sequence.Insert(index, value);
                    }
                    else
                    {
                        sequence[index] = value;
                    }
                }
                else
                {
                    throw new JsonPatchApplyException(
                        $"{verb} {operation.Path}: \"{last}\" is not a valid index into an array of {sequence.Count} items");
                }

                break;
            default:
                throw new JsonPatchApplyException($"{verb} {operation.Path}: the parent {Prefix(tokens, tokens.Count - 1)} is not an object or an array");
        }

        return document;
    }

    private static (bool Found, JsonNode? Node) Child(JsonNode? parent, string token) => parent switch
    {
        JsonObject mapping when mapping.TryGetPropertyValue(token, out var value) => (true, value),
        JsonArray sequence when TryIndex(token, out var index) && index < sequence.Count => (true, sequence[index]),
        _ => (false, null),
    };

    /// <summary>RFC 6901: "" is the whole document; otherwise "/"-separated tokens with "~1" for "/" and "~0"
    /// for "~" (and no other use of "~").</summary>
    internal static List<string> Parse(string path)
    {
        var tokens = new List<string>();
        if (path.Length == 0)
        {
            return tokens;
        }

        if (path[0] != '/')
        {
            throw new JsonPatchApplyException($"\"{path}\" is not a JSON pointer: it must be empty or start with \"/\"");
        }

        foreach (var raw in path[1..].Split('/'))
        {
            for (var i = raw.IndexOf('~', StringComparison.Ordinal); i >= 0; i = raw.IndexOf('~', i + 1))
            {
                if (i + 1 >= raw.Length || raw[i + 1] is not ('0' or '1'))
                {
                    throw new JsonPatchApplyException($"\"{path}\" is not a JSON pointer: \"~\" must be followed by 0 or 1");
                }
            }

            tokens.Add(JsonPointer.Unescape(raw));
        }

        return tokens;
    }

    // Array indexes are "0" or a decimal without leading zeros (RFC 6901 §4).
    private static bool TryIndex(string token, out int index)
    {
        index = -1;
        if (token.Length == 0 || token.Length > 9 || (token.Length > 1 && token[0] == '0'))
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        index = int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    private static string Prefix(List<string> tokens, int count) =>
        count == 0 ? "(the document)" : "/" + string.Join('/', tokens.Take(count).Select(JsonPointer.Escape));

    private static JsonNode? ToNode(PatchValue value)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        return JsonNode.Parse(buffer.WrittenSpan);
    }
}
