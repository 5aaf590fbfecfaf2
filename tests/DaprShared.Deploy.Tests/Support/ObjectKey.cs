using System.Text.Json.Nodes;

namespace DaprShared.Deploy.Tests.Support;

/// <summary>What identifies an object in a cluster: group/version, kind, namespace and name.</summary>
public sealed record ObjectKey(string ApiVersion, string Kind, string? Namespace, string Name)
{
    public static ObjectKey Of(JsonNode node) => new(
        (string?)node["apiVersion"] ?? throw new InvalidOperationException("object without apiVersion"),
        (string?)node["kind"] ?? throw new InvalidOperationException("object without kind"),
        (string?)node["metadata"]?["namespace"],
        (string?)node["metadata"]?["name"] ?? throw new InvalidOperationException("object without metadata.name"));

    public override string ToString() => $"{Kind} {(Namespace is null ? string.Empty : Namespace + "/")}{Name} ({ApiVersion})";
}
