using System.Text.Json.Nodes;
using k8s;

namespace DaprShared.Deploy.Tests.Support;

/// <summary>Objects as JSON, keyed by identity, with Helm's bookkeeping labels removed, so that a Helm
/// render and the kustomize output can be compared object by object and field by field.</summary>
public static class NormalizedObjects
{
    /// <summary>Labels only Helm adds; everything else (including every selector) must be identical.</summary>
    public static readonly IReadOnlySet<string> HelmOnlyLabels = new HashSet<string>(StringComparer.Ordinal)
    {
        "helm.sh/chart",
        "app.kubernetes.io/managed-by",
        "app.kubernetes.io/instance",
        "app.kubernetes.io/version",
    };

    public static IReadOnlyDictionary<ObjectKey, JsonNode> From(IEnumerable<object> objects)
    {
        var result = new Dictionary<ObjectKey, JsonNode>();
        foreach (var obj in objects)
        {
            var node = JsonNode.Parse(KubernetesJson.Serialize(obj))
                ?? throw new InvalidOperationException("object serialised to null");
            StripHelmLabels(node);
            var key = ObjectKey.Of(node);
            if (!result.TryAdd(key, node))
            {
                throw new InvalidOperationException($"{key} appears twice");
            }
        }

        return result;
    }

    private static void StripHelmLabels(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["metadata"] is JsonObject { } metadata && metadata["labels"] is JsonObject labels)
                {
                    foreach (var helmLabel in HelmOnlyLabels)
                    {
                        labels.Remove(helmLabel);
                    }
                }

                foreach (var (_, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        StripHelmLabels(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        StripHelmLabels(child);
                    }
                }

                break;
        }
    }
}
