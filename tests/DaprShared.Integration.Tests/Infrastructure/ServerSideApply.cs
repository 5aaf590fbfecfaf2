using System.Text.Json.Nodes;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary><c>kubectl apply --server-side</c> of rendered documents, CRDs first, as the field manager that
/// <see cref="Installed.EnsureAsync"/> applied deploy/install.yaml with: applying an object it made again changes
/// nothing, and a render that sets a field differently updates it instead of conflicting with another manager (a
/// dry run then shows what switching the install to that render would make). A warning from the server (PodSecurity's
/// "would violate", a deprecated field) fails the command like an error does.</summary>
public static class ServerSideApply
{
    /// <summary>The field manager of <see cref="Installed.EnsureAsync"/>.</summary>
    public const string FieldManager = "integration-install";

    public static ServerSideApplyResult Apply(RealCluster cluster, IReadOnlyList<ManifestDocument> documents) =>
        Run(cluster, documents, dryRun: false);

    /// <summary><c>--dry-run=server</c>: every admission and validation step of the real API server, nothing stored.</summary>
    public static ServerSideApplyResult DryRun(RealCluster cluster, IReadOnlyList<ManifestDocument> documents) =>
        Run(cluster, documents, dryRun: true);

    private static ServerSideApplyResult Run(RealCluster cluster, IReadOnlyList<ManifestDocument> documents, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(documents);
        string[] arguments =
        [
            "apply", "--server-side", $"--field-manager={FieldManager}", "--warnings-as-errors", "-o", "json", "-f", "-",
            .. dryRun ? ["--dry-run=server"] : Array.Empty<string>(),
        ];
        var result = cluster.TryKubectl(ManifestDocument.JoinCrdsFirst(documents), arguments);
        return new ServerSideApplyResult(documents, result, result.ExitCode == 0 ? Returned(result.StandardOutput) : []);
    }

    /// <summary>kubectl prints one object as itself and several as a List.</summary>
    private static List<JsonObject> Returned(string json)
    {
        var answer = JsonNode.Parse(json)!.AsObject();
        return (string?)answer["kind"] == "List" && answer["items"] is JsonArray items
            ? items.Select(item => item!.AsObject()).ToList()
            : [answer];
    }
}
