using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DaprShared.Core.Contract;
using DaprShared.Core.Injection;
using DaprShared.Core.Manifests;
using DaprShared.Core.Patching;

namespace DaprShared.Webhook.Cli;

/// <summary><c>explain</c> as a table: one row per pod template, with its notes, warnings and patch operations
/// (document-absolute JSON pointers) indented below it, then a one-line summary.</summary>
internal static class ExplainTextWriter
{
    private static readonly string[] Headers = ["DOC", "WORKLOAD", "NAMESPACE", "OUTCOME", "REASON", "APP-ID", "STRATEGY", "TEMPLATE"];

    public static void Write(ManifestResult result, TextWriter output)
    {
        if (result.Decisions.Count == 0)
        {
            output.Write($"No pod templates in {Plural(result.Documents, "document")}.\n");
            return;
        }

        var rows = result.Decisions.Select(Row).ToList();
        var widths = Headers.Select((header, column) => Math.Max(header.Length, rows.Max(row => row[column].Length))).ToArray();
        WriteRow(output, Headers, widths);
        for (var i = 0; i < rows.Count; i++)
        {
            WriteRow(output, rows[i], widths);
            WriteDetails(output, result.Decisions[i]);
        }

        var counts = result.Decisions.GroupBy(d => d.Result.Outcome).ToDictionary(g => g.Key, g => g.Count());
        output.Write(
            $"\n{Plural(result.Decisions.Count, "pod template")} in {Plural(result.Documents, "document")}: " +
            $"{Count(counts, InjectionOutcome.Patched)} patched, {Count(counts, InjectionOutcome.Unchanged)} unchanged, " +
            $"{Count(counts, InjectionOutcome.Skipped)} skipped, {Count(counts, InjectionOutcome.Error)} failed.\n");
    }

    private static string[] Row(TemplateDecision decision) =>
    [
        decision.Document.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Printable($"{decision.Kind}/{(decision.Name.Length == 0 ? "<unnamed>" : decision.Name)}"),
        Printable(decision.Namespace),
        decision.Result.Outcome.ToValue(),
        decision.Result.Reason,
        decision.Result.AppId ?? "-",
        decision.Result.Strategy?.ToValue() ?? "-",
        decision.TemplatePath.Length == 0 ? "(pod)" : Printable(decision.TemplatePath),
    ];

    // Names come from the manifest: keep terminal control sequences out of the table.
    private static string Printable(string value) =>
        value.Any(char.IsControl) ? new string(value.Select(c => char.IsControl(c) ? '?' : c).ToArray()) : value;

    private static void WriteDetails(TextWriter output, TemplateDecision decision)
    {
        const string Indent = "     ";
        if (decision.NamespaceOptedIn)
        {
            output.Write($"{Indent}namespace {decision.Namespace} is opted in ({DaprSharedKeys.NamespaceEnabledLabel}=true)\n");
        }

        foreach (var note in decision.Notes)
        {
            output.Write($"{Indent}note: {note}\n");
        }

        foreach (var warning in decision.Result.Warnings)
        {
            output.Write($"{Indent}warning: {warning}\n");
        }

        foreach (var operation in decision.Result.Operations)
        {
            output.Write($"{Indent}patch: {Verb(operation)} {decision.TemplatePath}{operation.Path} {CompactValue(operation)}\n");
        }
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length - 1; i++)
        {
            output.Write(cells[i].PadRight(widths[i] + 2));
        }

        output.Write(cells[^1]);
        output.Write('\n');
    }

    private static string CompactValue(PatchOperation operation)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            operation.Value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static string Verb(PatchOperation operation) => operation.Kind == PatchOperationKind.Add ? "add" : "replace";

    private static int Count(Dictionary<InjectionOutcome, int> counts, InjectionOutcome outcome) =>
        counts.GetValueOrDefault(outcome);

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
