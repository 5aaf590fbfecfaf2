using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaprShared.FakeKubeApi;

/// <summary><c>limit</c> and <c>continue</c> as kube-apiserver's etcd3 store pages a list: items in key order
/// (<c>namespace/name</c>), at most <c>limit</c> of them, then <c>metadata.continue</c> (unpadded base64url of
/// <c>{"v":"meta.k8s.io/v1","rv":N,"start":"KEY\u0000"}</c>, the real token's format) and, when the list has no
/// selector, <c>remainingItemCount</c>. A continued page reports the first page's resourceVersion.</summary>
/// <remarks>Difference: a real continued page is read at that resourceVersion (a snapshot); the fake reads the current
/// objects after the token's key.</remarks>
internal static class ListPaging
{
    private const string TokenVersion = "meta.k8s.io/v1";

    /// <summary>The page of <paramref name="items"/> (sorted by key) the query asks for, and the list's metadata.</summary>
    public static (List<JsonObject> Items, JsonObject Metadata) Page(
        List<JsonObject> items, long currentResourceVersion, bool allNamespaces, string? limitText, string? continueToken, string? resourceVersion, bool selected)
    {
        var start = "";
        var listVersion = currentResourceVersion;
        if (!string.IsNullOrEmpty(continueToken))
        {
            if (!string.IsNullOrEmpty(resourceVersion) && resourceVersion != "0")
            {
                throw ApiError.BadRequest("specifying resource version is not allowed when using continue");
            }

            (listVersion, start) = Decode(continueToken);
        }

        var limit = long.TryParse(limitText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var remaining = items.Where(i => string.CompareOrdinal(Key(i, allNamespaces), start) >= 0).ToList();
        var metadata = new JsonObject { ["resourceVersion"] = listVersion.ToString(CultureInfo.InvariantCulture) };
        if (limit <= 0 || remaining.Count <= limit)
        {
            return (remaining, metadata);
        }

        var page = remaining.Take((int)Math.Min(limit, int.MaxValue)).ToList();
        metadata["continue"] = Encode(listVersion, Key(page[^1], allNamespaces) + "\u0000");
        if (!selected)
        {
            metadata["remainingItemCount"] = remaining.Count - page.Count;
        }

        return (page, metadata);
    }

    /// <summary>The etcd key of an item relative to the list's prefix: <c>name</c> in one namespace or for a
    /// cluster-scoped resource, <c>namespace/name</c> across namespaces.</summary>
    public static string Key(JsonObject item, bool allNamespaces)
    {
        var name = item["metadata"]?["name"]?.GetValue<string>() ?? "";
        var ns = item["metadata"]?["namespace"]?.GetValue<string>();
        return allNamespaces && ns is not null ? ns + "/" + name : name;
    }

    private static string Encode(long resourceVersion, string start)
    {
        var json = new JsonObject { ["v"] = TokenVersion, ["rv"] = resourceVersion, ["start"] = start }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static (long ResourceVersion, string Start) Decode(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64))) as JsonObject;
            if (json?["v"]?.GetValue<string>() != TokenVersion || json["rv"]?.GetValue<long>() is not { } rv || json["start"]?.GetValue<string>() is not { } start)
            {
                throw new FormatException("not a continue token of this server");
            }

            return (rv, start);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            throw ApiError.BadRequest("invalid continue token: continue key is not valid: " + e.Message);
        }
    }
}
