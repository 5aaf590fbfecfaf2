using System.Text;
using System.Text.Json;

namespace DaprShared.Core.Injection;

/// <summary>Where one JSON value sits in the bytes the facts were read from. Values are kept as positions and
/// turned into strings only when a rule reads them, so a pod costs one scan, not one string per value.</summary>
/// <param name="Start">Offset of the value's first byte (the opening quote of a string).</param>
/// <param name="Length">Length of the value's raw text; 0 when the member is absent.</param>
/// <param name="Token">The value's first token: String, Number, StartObject...; None when absent.</param>
internal readonly record struct JsonSlice(int Start, int Length, JsonTokenType Token)
{
    public bool IsPresent => Length > 0;

    public bool IsString => Token == JsonTokenType.String;

    /// <summary>The value at the reader's current token, skipping over it (the reader ends on its last token).</summary>
    public static JsonSlice Capture(ref Utf8JsonReader reader)
    {
        var start = checked((int)reader.TokenStartIndex);
        var token = reader.TokenType;
        reader.Skip();
        return new JsonSlice(start, checked((int)reader.BytesConsumed) - start, token);
    }

    /// <summary>From a property name: the value that follows it (the reader ends on the value's last token).</summary>
    public static JsonSlice ReadMemberValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        return Capture(ref reader);
    }

    /// <summary>The string value; null when absent or not a string.</summary>
    public string? GetString(ReadOnlyMemory<byte> source)
    {
        if (!IsString)
        {
            return null;
        }

        // Almost every value is plain ASCII without escapes: read it straight, without a reader over the slice.
        var raw = Inner(source);
        if (raw.IndexOf((byte)'\\') < 0 && Ascii.IsValid(raw))
        {
            return Encoding.ASCII.GetString(raw);
        }

        var reader = Open(source);
        return reader.GetString();
    }

    /// <summary>True when this is a string equal to <paramref name="text"/> (compared unescaped, like
    /// <see cref="JsonElement.ValueEquals(string)"/>).</summary>
    public bool StringEquals(ReadOnlyMemory<byte> source, string? text)
    {
        if (!IsString)
        {
            return false;
        }

        if (text is null)
        {
            return false;
        }

        var raw = Inner(source);
        if (raw.IndexOf((byte)'\\') < 0 && Ascii.IsValid(raw) && Ascii.IsValid(text))
        {
            return Ascii.Equals(raw, text);
        }

        var reader = Open(source);
        return reader.ValueTextEquals(text);
    }

    /// <summary>True when this is a string equal to the UTF-8 <paramref name="text"/> (compared unescaped).</summary>
    public bool StringEquals(ReadOnlyMemory<byte> source, ReadOnlySpan<byte> text)
    {
        if (!IsString)
        {
            return false;
        }

        var raw = Inner(source);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return raw.SequenceEqual(text);
        }

        var reader = Open(source);
        return reader.ValueTextEquals(text);
    }

    /// <summary>True where <c>string.IsNullOrEmpty(GetString(source))</c> would be, without making the string:
    /// absent, not a string, or <c>""</c>.</summary>
    public bool IsNullOrEmptyString => !IsString || Length == 2;

    /// <summary>The value's JSON text as written (<see cref="JsonElement.GetRawText"/>).</summary>
    public string GetRawText(ReadOnlyMemory<byte> source) =>
        System.Text.Encoding.UTF8.GetString(source.Span.Slice(Start, Length));

    // A string's raw text between its quotes (still escaped).
    private ReadOnlySpan<byte> Inner(ReadOnlyMemory<byte> source) => source.Span.Slice(Start + 1, Length - 2);

    private Utf8JsonReader Open(ReadOnlyMemory<byte> source)
    {
        var reader = new Utf8JsonReader(source.Span.Slice(Start, Length));
        reader.Read();
        return reader;
    }
}
