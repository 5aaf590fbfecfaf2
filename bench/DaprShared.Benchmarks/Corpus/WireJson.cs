using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaprShared.Benchmarks.Corpus;

/// <summary>The captured files are pretty-printed for people; the API server sends compact JSON. Benchmarks must
/// see the wire form, or whitespace would be measured as if it were pod.</summary>
public static class WireJson
{
    public static byte[] Compact(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            document.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Compact(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
