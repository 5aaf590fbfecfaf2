using System.Buffers;
using System.Text.Json;

namespace DaprShared.Core.Patching;

/// <summary>Serialises operations as an RFC 6902 JSON Patch document, in the order given.</summary>
public static class JsonPatchWriter
{
    public static void Write(IReadOnlyList<PatchOperation> operations, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output);
        Write(operations, writer);
    }

    public static void Write(IReadOnlyList<PatchOperation> operations, Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var operation in operations)
        {
            writer.WriteStartObject();
            writer.WriteString("op"u8, operation.Kind == PatchOperationKind.Add ? "add"u8 : "replace"u8);
            writer.WriteString("path"u8, operation.Path);
            writer.WritePropertyName("value"u8);
            operation.Value.WriteTo(writer);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.Flush();
    }

    public static byte[] ToUtf8Bytes(IReadOnlyList<PatchOperation> operations)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(operations, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
