using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaprShared.Core.Manifests;

/// <summary>Writes JSON nodes as block-style YAML in the layout kubectl uses (two-space indent, sequences not
/// indented under their key). Strings are quoted whenever a plain scalar would be read back as anything else
/// (<c>"true"</c>, <c>"8080"</c>, <c>"yes"</c>, <c>"null"</c>), so the output means exactly what the JSON did.</summary>
internal sealed class YamlNodeWriter(StringBuilder output, IReadOnlyDictionary<JsonNode, string>? verbatim = null)
{
    private const int Step = 2;

    // YAML limits implicit keys to 1024 characters; longer ones use the explicit "? key" form.
    private const int MaxImplicitKeyLength = 1000;

    public void WriteDocument(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject { Count: > 0 } mapping:
                WriteMapping(mapping, 0, inline: false);
                break;
            case JsonArray { Count: > 0 } sequence:
                WriteSequence(sequence, 0, inline: false);
                break;
            default:
                WriteScalar(node, Step);
                break;
        }
    }

    private void WriteMapping(JsonObject mapping, int indent, bool inline)
    {
        var first = true;
        foreach (var (key, value) in mapping)
        {
            if (!(first && inline))
            {
                Indent(indent);
            }

            first = false;
            if (key.Length > MaxImplicitKeyLength)
            {
                output.Append("? ");
                WriteDoubleQuoted(key);
                output.Append('\n');
                Indent(indent);
            }
            else
            {
                WriteKey(key);
            }

            output.Append(':');
            WriteMemberValue(value, indent);
        }
    }

    private void WriteMemberValue(JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } mapping:
                output.Append('\n');
                WriteMapping(mapping, indent + Step, inline: false);
                break;
            case JsonArray { Count: > 0 } sequence:
                output.Append('\n');
                WriteSequence(sequence, indent, inline: false);
                break;
            default:
                output.Append(' ');
                WriteScalar(value, indent + Step);
                break;
        }
    }

    private void WriteSequence(JsonArray sequence, int indent, bool inline)
    {
        var first = true;
        foreach (var item in sequence)
        {
            if (!(first && inline))
            {
                Indent(indent);
            }

            first = false;
            output.Append("- ");
            switch (item)
            {
                case JsonObject { Count: > 0 } mapping:
                    WriteMapping(mapping, indent + Step, inline: true);
                    break;
                case JsonArray { Count: > 0 } nested:
                    WriteSequence(nested, indent + Step, inline: true);
                    break;
                default:
                    WriteScalar(item, indent + Step);
                    break;
            }
        }
    }

    /// <summary>Writes a scalar (or an empty collection) and ends the line. <paramref name="blockIndent"/> is the
    /// indentation of a literal block's lines.</summary>
    private void WriteScalar(JsonNode? node, int blockIndent)
    {
        switch (node)
        {
            case null:
                output.Append("null");
                break;
            case JsonObject:
                output.Append("{}");
                break;
            case JsonArray:
                output.Append("[]");
                break;
            default:
                if (verbatim is not null && verbatim.TryGetValue(node, out var spelling))
                {
                    output.Append(spelling);
                    break;
                }

                switch (node.GetValueKind())
                {
                    case JsonValueKind.String:
                        WriteString(node.GetValue<string>(), blockIndent);
                        return;
                    case JsonValueKind.True:
                        output.Append("true");
                        break;
                    case JsonValueKind.False:
                        output.Append("false");
                        break;
                    case JsonValueKind.Null:
                        output.Append("null");
                        break;
                    default:
                        output.Append(node.ToJsonString());
                        break;
                }

                break;
        }

        output.Append('\n');
    }

    private void WriteKey(string key)
    {
        if (YamlScalarStyle.IsPlainSafe(key))
        {
            output.Append(key);
        }
        else
        {
            WriteDoubleQuoted(key);
        }
    }

    private void WriteString(string value, int blockIndent)
    {
        if (YamlScalarStyle.IsPlainSafe(value))
        {
            output.Append(value).Append('\n');
        }
        else if (YamlScalarStyle.CanBeLiteral(value))
        {
            WriteLiteral(value, blockIndent);
        }
        else
        {
            WriteDoubleQuoted(value);
            output.Append('\n');
        }
    }

    // "|" keeps one final newline, "|-" none, "|+" all of them.
    private void WriteLiteral(string value, int indent)
    {
        var body = value.TrimEnd('\n');
        var trailing = value.Length - body.Length;
        output.Append(trailing switch { 0 => "|-", 1 => "|", _ => "|+" }).Append('\n');
        foreach (var line in body.Split('\n'))
        {
            if (line.Length > 0)
            {
                Indent(indent);
                output.Append(line);
            }

            output.Append('\n');
        }

        for (var i = 1; i < trailing; i++)
        {
            output.Append('\n');
        }
    }

    private void WriteDoubleQuoted(string value)
    {
        output.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    output.Append("\\\"");
                    break;
                case '\\':
                    output.Append("\\\\");
                    break;
                case '\n':
                    output.Append("\\n");
                    break;
                case '\t':
                    output.Append("\\t");
                    break;
                case '\r':
                    output.Append("\\r");
                    break;
                case '\0':
                    output.Append("\\0");
                    break;
                case '\u0085':
                    output.Append("\\N");
                    break;
                case '\u2028':
                    output.Append("\\L");
                    break;
                case '\u2029':
                    output.Append("\\P");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        output.Append(c).Append(value[++i]);
                    }
                    else if (YamlScalarStyle.IsPrintable(c))
                    {
                        output.Append(c);
                    }
                    else if (c <= '\u00ff')
                    {
                        output.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        output.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        output.Append('"');
    }

    private void Indent(int count) => output.Append(' ', count);
}
