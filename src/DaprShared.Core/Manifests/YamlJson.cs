using System.Text;
using System.Text.Json.Nodes;

namespace DaprShared.Core.Manifests;

/// <summary>YAML ↔ JSON with Kubernetes' typing rules, for callers that need whole documents (tests, tools).</summary>
public static class YamlJson
{
    /// <summary>Every document of a multi-document YAML stream, as JSON (null for an empty document).</summary>
    /// <exception cref="ManifestFormatException">The input is not readable YAML (or exceeds a limit).</exception>
    public static IReadOnlyList<JsonNode?> Parse(string yaml) =>
        YamlSourceReader.Read(yaml).Documents.Select(document => document.Root).ToArray();

    /// <summary>One document as block-style YAML, ending with a newline.</summary>
    public static string Write(JsonNode? node)
    {
        var output = new StringBuilder();
        new YamlNodeWriter(output).WriteDocument(node);
        return output.ToString();
    }
}
