using System.Text.Encodings.Web;
using System.Text.Json;
using DaprShared.Core.Contract;
using DaprShared.Core.Injection;
using DaprShared.Core.Manifests;

namespace DaprShared.Webhook.Cli;

/// <summary><c>explain -o json</c>: the decisions as one JSON object, for scripts and CI checks. Operation paths
/// are absolute within their document and carry their values.</summary>
internal static class ExplainJsonWriter
{
    public static void Write(ManifestResult result, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("documents", result.Documents);
            writer.WriteStartArray("templates");
            foreach (var decision in result.Decisions)
            {
                WriteDecision(writer, decision);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        output.Write(System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
        output.Write('\n');
    }

    private static void WriteDecision(Utf8JsonWriter writer, TemplateDecision decision)
    {
        var result = decision.Result;
        writer.WriteStartObject();
        writer.WriteNumber("document", decision.Document);
        writer.WriteNumber("line", decision.Line);
        writer.WriteString("kind", decision.Kind);
        writer.WriteString("name", decision.Name);
        writer.WriteString("namespace", decision.Namespace);
        writer.WriteBoolean("namespaceOptedIn", decision.NamespaceOptedIn);
        writer.WriteString("template", decision.TemplatePath);
        writer.WriteString("outcome", result.Outcome.ToValue());
        writer.WriteString("reason", result.Reason);
        WriteNullable(writer, "appId", result.AppId);
        WriteNullable(writer, "strategy", result.Strategy?.ToValue());
        WriteStrings(writer, "warnings", result.Warnings);
        WriteStrings(writer, "notes", decision.Notes);
        writer.WriteStartArray("operations");
        foreach (var operation in result.Operations)
        {
            writer.WriteStartObject();
            writer.WriteString("op", ExplainTextWriter.Verb(operation));
            writer.WriteString("path", decision.TemplatePath + operation.Path);
            writer.WritePropertyName("value");
            operation.Value.WriteTo(writer);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
