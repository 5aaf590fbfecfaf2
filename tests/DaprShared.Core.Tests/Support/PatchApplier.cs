using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson;

namespace DaprShared.Core.Tests.Support;

/// <summary>Applies an RFC 6902 patch with an independent implementation (ASP.NET Core's), one operation at a
/// time, and first checks each operation's parent exists: the API server rejects a patch that is not created
/// parent-first, and a lenient applier would hide that.</summary>
internal static class PatchApplier
{
    public static JsonObject Apply(JsonObject pod, string? patchJson)
    {
        var result = pod.DeepClone().AsObject();
        if (patchJson is null)
        {
            return result;
        }

        foreach (var operation in JsonNode.Parse(patchJson)!.AsArray())
        {
            var path = operation!["path"]!.GetValue<string>();
            var parent = path[..path.LastIndexOf('/')];
            Resolve(result, parent).Should().NotBeNull($"the parent of {path} must exist when the operation applies");
            if (operation["op"]!.GetValue<string>() == "replace")
            {
                Resolve(result, path).Should().NotBeNull($"replace needs an existing {path}");
            }

            var single = JsonSerializer.Deserialize<JsonPatchDocument>("[" + operation.ToJsonString() + "]")!;
            single.ApplyTo(result);
        }

        return result;
    }

    public static JsonNode? Resolve(JsonNode root, string pointer)
    {
        var node = root;
        if (pointer.Length == 0)
        {
            return node;
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/").Replace("~0", "~");
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }
}
