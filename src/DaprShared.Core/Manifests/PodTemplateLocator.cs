using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaprShared.Core.Manifests;

/// <summary>Where the pod template of each built-in workload kind lives. Matching on the API group as well as
/// the kind keeps custom resources that happen to be called "Deployment" out.</summary>
internal static class PodTemplateLocator
{
    private static readonly string[] PodRoot = [];
    private static readonly string[] SpecTemplate = ["spec", "template"];
    private static readonly string[] CronJobTemplate = ["spec", "jobTemplate", "spec", "template"];
    private static readonly string[] PodTemplateTemplate = ["template"];

    /// <summary>The path of the pod template inside an object of this type, or null when it has none.</summary>
    public static string[]? TemplatePath(string? apiVersion, string? kind) => (Group(apiVersion), kind) switch
    {
        ("", "Pod") => PodRoot,
        ("", "ReplicationController") => SpecTemplate,
        ("", "PodTemplate") => PodTemplateTemplate,
        ("apps" or "extensions", "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet") => SpecTemplate,
        ("batch", "Job") => SpecTemplate,
        ("batch", "CronJob") => CronJobTemplate,
        _ => null,
    };

    public static bool IsList(string? apiVersion, string? kind) => Group(apiVersion) == "" && kind == "List";

    public static bool IsNamespace(string? apiVersion, string? kind) => Group(apiVersion) == "" && kind == "Namespace";

    public static string? Text(JsonNode? parent, string name) =>
        parent is JsonObject mapping && mapping.TryGetPropertyValue(name, out var value)
        && value is JsonValue && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    private static string? Group(string? apiVersion)
    {
        if (string.IsNullOrEmpty(apiVersion))
        {
            return null;
        }

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : apiVersion[..slash];
    }
}
