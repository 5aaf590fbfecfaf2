using System.Text.Json.Nodes;
using DaprShared.TestData.Tools;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>What kubectl and the API server answered to <see cref="ServerSideApply"/>.</summary>
public sealed record ServerSideApplyResult(IReadOnlyList<ManifestDocument> Sent, ProcessResult Process, IReadOnlyList<JsonObject> Returned)
{
    public bool Succeeded => Process.ExitCode == 0;

    /// <summary>What kubectl said: its errors and warnings, else (shortened) what it printed.</summary>
    public string Output => Process.StandardError.Trim() is { Length: > 0 } errors
        ? errors
        : Process.StandardOutput.Length > 2000 ? Process.StandardOutput[..2000] + "…" : Process.StandardOutput;

    /// <summary>The object the server returned for <paramref name="document"/>, or null.</summary>
    public JsonObject? For(ManifestDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Returned.FirstOrDefault(o =>
            (string?)o["apiVersion"] == document.ApiVersion && (string?)o["kind"] == document.Kind && (string?)o["metadata"]?["name"] == document.Name);
    }

    /// <summary>Null when the command succeeded, every document sent came back from the server, and every object the
    /// server calls namespaced (it returns it with a namespace) is in <paramref name="expectedNamespace"/>: a
    /// namespaced object without one would land in whatever namespace the user's kubeconfig is set to. Otherwise
    /// what is wrong, with kubectl's output.</summary>
    public string? Problem(string expectedNamespace)
    {
        if (!Succeeded)
        {
            return $"kubectl exited {Process.ExitCode}:\n{Output}";
        }

        var problems = new List<string>();
        foreach (var document in Sent)
        {
            var returned = For(document);
            var ns = (string?)returned?["metadata"]?["namespace"];
            if (returned is null)
            {
                problems.Add($"{document} did not come back");
            }
            else if (ns is not null && ns != expectedNamespace)
            {
                problems.Add($"{document} landed in namespace {ns}");
            }
        }

        if (Returned.Count != Sent.Count)
        {
            problems.Add($"{Sent.Count} objects sent, {Returned.Count} returned");
        }

        return problems.Count == 0 ? null : string.Join("\n", problems);
    }
}
