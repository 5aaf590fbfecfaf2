using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>One HTTP answer of an API server, and <see cref="Describe"/>: the parts a client reads (status code,
/// media type, kind and apiVersion, a Status's reason, code, details and message, a list's items and paging), as one
/// line with the values that differ between two servers (UIDs, resource versions) masked.</summary>
public sealed partial class RawAnswer
{
    // Quotes and backslashes escaped, nothing else: details read as the server wrote them.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public RawAnswer(int status, string mediaType, string text)
    {
        Status = status;
        MediaType = mediaType;
        Text = text;
        try
        {
            Json = mediaType == "application/json" && text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (JsonException)
        {
            Json = null;
        }
    }

    public int Status { get; }

    public string MediaType { get; }

    public string Text { get; }

    public JsonNode? Json { get; }

    public string? Kind => Json?["kind"]?.GetValue<string>();

    public string? ResourceVersion => Json?["metadata"]?["resourceVersion"]?.GetValue<string>();

    public string? Continue => Json?["metadata"]?["continue"]?.GetValue<string>();

    public string Describe()
    {
        if (Json is not JsonObject body)
        {
            return $"{Status} {MediaType}: {Text.Trim()}";
        }

        var line = new StringBuilder().Append(Status).Append(' ').Append(DescribeObject(body));
        if (body["items"] is JsonArray items)
        {
            line.Append(" [").AppendJoin(", ", items.Select(i => DescribeObject((JsonObject)i!))).Append(']');
            var metadata = body["metadata"];
            if (metadata?["continue"] is not null)
            {
                line.Append(" continue");
            }

            if (metadata?["remainingItemCount"] is { } remaining)
            {
                line.Append(" remaining=").Append(remaining.ToJsonString(Readable));
            }
        }

        return Mask(line.ToString());
    }

    /// <summary><c>Kind apiVersion name</c>, a Status with its reason, code, details and message, a list item without
    /// kind as <c>- name</c>.</summary>
    public static string DescribeObject(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var kind = obj["kind"]?.GetValue<string>() ?? "-";
        if (kind == "Status")
        {
            var parts = new List<string?>
            {
                "Status",
                obj["status"]?.ToString(),
                obj["reason"]?.ToString(),
                obj["code"] is { } code ? "code=" + code.ToJsonString() : null,
                obj["details"] is JsonObject details ? "details=" + details.ToJsonString(Readable) : null,
            };
            var text = string.Join(' ', parts.Where(p => p is not null));
            return Mask(obj["message"] is { } message ? $"{text}: {message}" : text);
        }

        var apiVersion = obj["apiVersion"]?.GetValue<string>();
        var name = obj["metadata"]?["name"]?.GetValue<string>();
        return string.Join(' ', new[] { kind, apiVersion, name }.Where(p => p is not null));
    }

    /// <summary>Replaces UIDs and the numbers a server puts in parentheses (resource versions) by placeholders.</summary>
    public static string Mask(string text) => ResourceVersionInParentheses().Replace(Uid().Replace(text, "<uid>"), "(<n>)");

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uid();

    [GeneratedRegex(@"\(\d+\)")]
    private static partial Regex ResourceVersionInParentheses();
}
