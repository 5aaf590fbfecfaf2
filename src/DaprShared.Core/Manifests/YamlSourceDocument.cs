using System.Text.Json.Nodes;

namespace DaprShared.Core.Manifests;

/// <summary>One YAML document of a stream: its value as JSON and where its text lies, so that an unchanged
/// document can be written back byte for byte and a changed one replaced without touching its separators and
/// comments around it.</summary>
internal sealed class YamlSourceDocument
{
    /// <summary>1-based position in the stream.</summary>
    public required int Index { get; init; }

    /// <summary>1-based line where the document's content (or the document) starts.</summary>
    public required int Line { get; init; }

    /// <summary>The text of the input that belongs to this document: concatenating every document's slice in order
    /// gives back the input exactly.</summary>
    public required int SliceStart { get; set; }

    public required int SliceEnd { get; set; }

    /// <summary>The range of the root node's text, or -1/-1 for an empty document.</summary>
    public required int ContentStart { get; init; }

    public required int ContentEnd { get; init; }

    /// <summary>The document as JSON (null for an empty document or an explicit null).</summary>
    public JsonNode? Root { get; set; }
}
