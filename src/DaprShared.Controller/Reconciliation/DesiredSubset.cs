using System.Text.Json.Nodes;
using DaprShared.Controller.Api;
using DaprShared.Kubernetes.Api;
using k8s;
using k8s.Models;

namespace DaprShared.Controller.Reconciliation;

/// <summary>"Does the live object already contain everything we want?" If so the controller sends nothing, which is
/// how an idle controller makes no writes. Extra fields in the live object (server defaults, other managers'
/// fields, status) never count as a difference.</summary>
/// <remarks>
/// Rules: maps compare key by key; lists of objects with a merge key (name, containerPort, port, mountPath, type,
/// uid) match items by key, other lists compare by position and length; a desired zero value (false, 0, "", empty
/// list or map) matches an absent live field (the API server omits empty values); resource quantities compare by
/// value ("0.5" equals "500m"). Removals are not visible to a subset check, so callers also compare a hash of the
/// whole desired object (see <see cref="DesiredHash"/>).
/// </remarks>
public static class DesiredSubset
{
    public static bool IsSatisfiedBy(IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta> live)
    {
        // The items of a list response carry no apiVersion/kind on a real server; the caller matched the kind.
        var wanted = ToJson(desired) as JsonObject;
        wanted?.Remove("apiVersion");
        wanted?.Remove("kind");
        return Contains(wanted, ToJson(live));
    }

    public static JsonNode? ToJson(object value) => DaprSharedApi.Models.ToNode(value);

    /// <summary>True when every field of <paramref name="desired"/> is present in <paramref name="live"/> with an
    /// equal value.</summary>
    public static bool Contains(JsonNode? desired, JsonNode? live) => Contains(desired, live, "", quantities: false);

    private static bool Contains(JsonNode? desired, JsonNode? live, string field, bool quantities)
    {
        switch (desired)
        {
            case null:
                return true;

            case JsonObject desiredMap:
                if (live is not JsonObject liveMap)
                {
                    return live is null && IsZero(desiredMap);
                }

                foreach (var (key, value) in desiredMap)
                {
                    // The values of resources.limits and resources.requests are quantities.
                    if (!Contains(value, liveMap[key], key, field is "limits" or "requests"))
                    {
                        return false;
                    }
                }

                return true;

            case JsonArray desiredList:
                if (live is not JsonArray liveList)
                {
                    return live is null && desiredList.Count == 0;
                }

                return MergeKey(field, desiredList) is { } mergeKey
                    ? desiredList.All(item => FindByKey(liveList, mergeKey, item!) is { } match && Contains(item, match, field, quantities))
                    : desiredList.Count == liveList.Count && desiredList.Select((item, i) => Contains(item, liveList[i], field, quantities)).All(x => x);

            case JsonValue desiredValue:
                if (live is null)
                {
                    return IsZero(desiredValue);
                }

                if (JsonNode.DeepEquals(desiredValue, live))
                {
                    return true;
                }

                if (live is not JsonValue liveValue)
                {
                    return false;
                }

                if (desiredValue.TryGetValue<decimal>(out var a) && liveValue.TryGetValue<decimal>(out var b))
                {
                    return a == b;
                }

                return quantities && SameQuantity(desiredValue, liveValue);

            default:
                return false;
        }
    }

    private static string? MergeKey(string field, JsonArray items)
    {
        if (items.Count == 0 || items.Any(i => i is not JsonObject))
        {
            return null;
        }

        var first = (JsonObject)items[0]!;
        var key = field switch
        {
            "ports" when first.ContainsKey("containerPort") => "containerPort",
            "ports" when first.ContainsKey("port") => "port",
            "volumeMounts" => "mountPath",
            "conditions" => "type",
            "ownerReferences" => "uid",
            _ when first.ContainsKey("name") => "name",
            _ => null,
        };
        return key is not null && items.All(i => ((JsonObject)i!).ContainsKey(key)) ? key : null;
    }

    private static JsonNode? FindByKey(JsonArray live, string key, JsonNode item)
    {
        var wanted = item[key];
        return live.FirstOrDefault(l => l is JsonObject o && JsonNode.DeepEquals(o[key], wanted));
    }

    private static bool IsZero(JsonNode node) => node switch
    {
        JsonObject map => map.Count == 0,
        JsonArray list => list.Count == 0,
        JsonValue value when value.TryGetValue<bool>(out var flag) => !flag,
        JsonValue value when value.TryGetValue<decimal>(out var number) => number == 0,
        JsonValue value when value.TryGetValue<string>(out var text) => text.Length == 0,
        _ => false,
    };

    private static bool SameQuantity(JsonValue a, JsonValue b)
    {
        try
        {
            return new ResourceQuantity(a.ToString()).Equals(new ResourceQuantity(b.ToString()));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return false;
        }
    }
}
