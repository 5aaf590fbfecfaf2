using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DaprShared.Core.Manifests;

/// <summary>Reads a multi-document YAML stream into JSON nodes, typed the way Kubernetes types them, and records
/// where each document's text lies. Built on YamlDotNet's event parser with an explicit stack (no recursion), a
/// depth limit checked while scanning, and a budget for alias and merge-key expansion.</summary>
internal static class YamlSourceReader
{
    private const string StrTag = "tag:yaml.org,2002:str";
    private const string BinaryTag = "tag:yaml.org,2002:binary";
    private const string TimestampTag = "tag:yaml.org,2002:timestamp";
    private const string NullTag = "tag:yaml.org,2002:null";
    private const string BoolTag = "tag:yaml.org,2002:bool";
    private const string IntTag = "tag:yaml.org,2002:int";
    private const string FloatTag = "tag:yaml.org,2002:float";

    public static YamlSourceStream Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > ManifestLimits.MaxInputChars)
        {
            throw new ManifestFormatException($"the input is larger than {ManifestLimits.MaxInputChars} characters");
        }

        var state = new ReaderState(text);
        state.Run();
        return new YamlSourceStream(text, state.Documents, state.Verbatim);
    }

    private sealed class Frame
    {
        public JsonObject? Mapping { get; init; }

        public JsonArray? Sequence { get; init; }

        public required AnchorName Anchor { get; init; }

        public required bool IsFlow { get; init; }

        public string? PendingKey { get; set; }

        public bool HasPendingKey { get; set; }

        public bool PendingMerge { get; set; }

        public List<JsonNode?>? Merges { get; set; }

        public bool ExpectsKey => Mapping is not null && !HasPendingKey && !PendingMerge;

        public JsonNode Node => (JsonNode?)Mapping ?? Sequence!;
    }

    private sealed class ReaderState(string text)
    {
        // YamlDotNet does not skip a byte-order mark in a string: parse after it and shift every position.
        private readonly int offset = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        private readonly Stack<Frame> stack = new();
        private readonly Dictionary<string, JsonNode?> anchors = new(StringComparer.Ordinal);
        private readonly List<int> documentStarts = [];
        private int aliasNodes;
        private int contentStart = -1;
        private int contentEnd = -1;
        private int contentLine;
        private int documentLine;
        private JsonNode? root;
        private ParsingEvent? current;

        public List<YamlSourceDocument> Documents { get; } = [];

        public Dictionary<JsonNode, string> Verbatim { get; } = new(ReferenceEqualityComparer.Instance);

        public void Run()
        {
            var parser = new Parser(new StringReader(offset == 0 ? text : text[offset..]));
            try
            {
                while (parser.MoveNext())
                {
                    current = parser.Current!;
                    Handle(current);
                }
            }
            catch (YamlException e)
            {
                throw new ManifestFormatException(
                    e.Message, Documents.Count + 1, (int)e.Start.Line, (int)e.Start.Column, e);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
            {
                // YamlDotNet's scanner reports some malformed input with these instead of a YamlException.
                throw new ManifestFormatException(
                    "the YAML is malformed here", Documents.Count + 1, (int)(current?.End.Line ?? 0), (int)(current?.End.Column ?? 0), e);
            }

            for (var i = 0; i < Documents.Count; i++)
            {
                Documents[i].SliceStart = i == 0 ? 0 : documentStarts[i];
                Documents[i].SliceEnd = i + 1 < Documents.Count ? documentStarts[i + 1] : text.Length;
            }
        }

        private void Handle(ParsingEvent e)
        {
            switch (e)
            {
                case DocumentStart start:
                    anchors.Clear();
                    root = null;
                    contentStart = -1;
                    contentEnd = -1;
                    documentLine = (int)start.Start.Line;
                    documentStarts.Add(offset + (int)start.Start.Index);
                    break;
                case DocumentEnd:
                    Documents.Add(new YamlSourceDocument
                    {
                        Index = Documents.Count + 1,
                        Line = contentStart >= 0 ? contentLine : documentLine,
                        SliceStart = 0,
                        SliceEnd = 0,
                        ContentStart = contentStart,
                        ContentEnd = contentEnd,
                        Root = root,
                    });
                    break;
                case Scalar scalar:
                    OnScalar(scalar);
                    break;
                case AnchorAlias alias:
                    OnAlias(alias);
                    break;
                case MappingStart mapping:
                    OnCollectionStart(mapping, mapping.Anchor, mapping.Style == MappingStyle.Flow, new JsonObject(), null);
                    break;
                case SequenceStart sequence:
                    OnCollectionStart(sequence, sequence.Anchor, sequence.Style == SequenceStyle.Flow, null, new JsonArray());
                    break;
                case MappingEnd or SequenceEnd:
                    OnCollectionEnd(e);
                    break;
            }
        }

        private void OnScalar(Scalar scalar)
        {
            MarkContent(scalar.Start, scalar.End.Index);
            if (stack.TryPeek(out var top) && top.ExpectsKey)
            {
                // A plain "<<" key is YAML's merge key (go-yaml, and so kubectl, honour it).
                if (scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty && scalar.Value == "<<")
                {
                    top.PendingMerge = true;
                }
                else
                {
                    top.PendingKey = scalar.Value;
                    top.HasPendingKey = true;
                }

                if (!scalar.Anchor.IsEmpty)
                {
                    anchors[scalar.Anchor.Value] = JsonValue.Create(scalar.Value);
                }

                return;
            }

            Complete(ConvertScalar(scalar), scalar.Anchor);
        }

        private void OnAlias(AnchorAlias alias)
        {
            MarkContent(alias.Start, alias.End.Index);
            if (!anchors.TryGetValue(alias.Value.Value, out var target))
            {
                throw Error($"alias *{alias.Value.Value} refers to an anchor that is not defined before it (or that contains the alias)");
            }

            if (stack.TryPeek(out var top) && top.ExpectsKey)
            {
                if (target is not JsonValue value)
                {
                    throw Error($"alias *{alias.Value.Value} is used as a mapping key but is not a scalar");
                }

                top.PendingKey = value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                top.HasPendingKey = true;
                return;
            }

            Complete(Clone(target, stack.Count), AnchorName.Empty);
        }

        private void OnCollectionStart(ParsingEvent e, AnchorName anchor, bool isFlow, JsonObject? mapping, JsonArray? sequence)
        {
            if (stack.TryPeek(out var top) && top.ExpectsKey)
            {
                throw Error("a mapping key is itself a mapping or a sequence; Kubernetes manifests only use scalar keys");
            }

            if (stack.Count >= ManifestLimits.MaxDepth)
            {
                throw Error($"nesting is deeper than {ManifestLimits.MaxDepth} levels");
            }

            MarkContent(e.Start, -1);
            stack.Push(new Frame { Mapping = mapping, Sequence = sequence, Anchor = anchor, IsFlow = isFlow });
        }

        private void OnCollectionEnd(ParsingEvent e)
        {
            var frame = stack.Pop();
            if (frame.IsFlow)
            {
                // YamlDotNet marks a flow collection's end at its closing bracket, not after it.
                contentEnd = Math.Max(contentEnd, offset + (int)e.Start.Index + 1);
            }

            if (frame.Mapping is not null && frame.Merges is not null)
            {
                ApplyMerges(frame.Mapping, frame.Merges);
            }

            Complete(frame.Node, frame.Anchor);
        }

        private void Complete(JsonNode? node, AnchorName anchor)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = node;
            }

            if (!stack.TryPeek(out var top))
            {
                root = node;
                return;
            }

            if (top.Sequence is not null)
            {
                top.Sequence.Add(node);
            }
            else if (top.PendingMerge)
            {
                (top.Merges ??= []).Add(node);
                top.PendingMerge = false;
            }
            else
            {
                // A repeated key: the last one wins, as in go-yaml's non-strict decoding that kubectl uses.
                top.Mapping![top.PendingKey!] = node;
                top.PendingKey = null;
                top.HasPendingKey = false;
            }
        }

        // Keys written in the mapping win over merged ones; among merged mappings, earlier ones win.
        private void ApplyMerges(JsonObject mapping, List<JsonNode?> merges)
        {
            foreach (var merge in merges)
            {
                if (merge is JsonObject source)
                {
                    MergeInto(mapping, source);
                }
                else if (merge is JsonArray list && list.All(item => item is JsonObject))
                {
                    foreach (var item in list)
                    {
                        MergeInto(mapping, (JsonObject)item!);
                    }
                }
                else
                {
                    throw Error("the value of a merge key (<<) must be a mapping or a sequence of mappings");
                }
            }
        }

        private void MergeInto(JsonObject mapping, JsonObject source)
        {
            foreach (var (key, value) in source)
            {
                if (!mapping.ContainsKey(key))
                {
                    mapping[key] = Clone(value, stack.Count + 1);
                }
            }
        }

        private JsonNode? Clone(JsonNode? node, int depth)
        {
            if (++aliasNodes > ManifestLimits.MaxAliasNodes)
            {
                throw Error($"aliases expand to more than {ManifestLimits.MaxAliasNodes} nodes");
            }

            if (depth > ManifestLimits.MaxDepth)
            {
                throw Error($"nesting (after expanding aliases) is deeper than {ManifestLimits.MaxDepth} levels");
            }

            switch (node)
            {
                case null:
                    return null;
                case JsonObject mapping:
                {
                    var copy = new JsonObject();
                    foreach (var (key, value) in mapping)
                    {
                        copy[key] = Clone(value, depth + 1);
                    }

                    return copy;
                }

                case JsonArray sequence:
                {
                    var copy = new JsonArray();
                    foreach (var item in sequence)
                    {
                        copy.Add(Clone(item, depth + 1));
                    }

                    return copy;
                }

                default:
                {
                    var copy = node.DeepClone();
                    if (Verbatim.TryGetValue(node, out var spelling))
                    {
                        Verbatim[copy] = spelling;
                    }

                    return copy;
                }
            }
        }

        private JsonNode? ConvertScalar(Scalar scalar)
        {
            var tag = scalar.Tag;
            var value = scalar.Value;
            if (tag.IsEmpty)
            {
                return scalar.Style == ScalarStyle.Plain ? ResolvePlain(value) : JsonValue.Create(value);
            }

            switch (tag.Value)
            {
                case NullTag or BoolTag or IntTag or FloatTag:
                {
                    var resolved = YamlScalarResolver.Resolve(value, out _);
                    var kind = resolved?.GetValueKind() ?? System.Text.Json.JsonValueKind.Null;
                    var matches = tag.Value switch
                    {
                        NullTag => kind == System.Text.Json.JsonValueKind.Null,
                        BoolTag => kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
                        _ => kind == System.Text.Json.JsonValueKind.Number,
                    };
                    if (!matches)
                    {
                        throw Error($"the value {Describe(value)} cannot be read as {tag.Value["tag:yaml.org,2002:".Length..]}");
                    }

                    return resolved;
                }

                // !!str, !!binary, !!timestamp, the non-specific "!" and application tags: the text as a string.
                case StrTag or BinaryTag or TimestampTag:
                default:
                    return JsonValue.Create(value);
            }
        }

        private JsonNode? ResolvePlain(string value)
        {
            var node = YamlScalarResolver.Resolve(value, out var keepText);
            if (keepText && node is not null)
            {
                Verbatim[node] = value;
            }

            return node;
        }

        private void MarkContent(Mark start, long end)
        {
            if (stack.Count == 0 && contentStart < 0)
            {
                contentStart = offset + (int)start.Index;
                contentLine = (int)start.Line;
            }

            if (end >= 0)
            {
                contentEnd = Math.Max(contentEnd, offset + (int)end);
            }
        }

        private ManifestFormatException Error(string message) =>
            new(message, Documents.Count + 1, (int)(current?.Start.Line ?? 0), (int)(current?.Start.Column ?? 0));

        private static string Describe(string value) => value.Length <= 40 ? $"\"{value}\"" : $"\"{value[..40]}...\"";
    }
}
