using System.Text.Json.Nodes;

namespace DaprShared.Core.Manifests;

/// <summary>A parsed multi-document YAML input.</summary>
internal sealed class YamlSourceStream(string text, IReadOnlyList<YamlSourceDocument> documents, Dictionary<JsonNode, string> verbatim)
{
    public string Text { get; } = text;

    public IReadOnlyList<YamlSourceDocument> Documents { get; } = documents;

    /// <summary>Plain scalars whose original spelling must be written back as it was (e.g. <c>0644</c>, <c>yes</c>,
    /// <c>.inf</c>): re-spelling them canonically could change what they mean to another reader.</summary>
    public Dictionary<JsonNode, string> Verbatim { get; } = verbatim;
}
