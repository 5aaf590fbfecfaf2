using Microsoft.Net.Http.Headers;

namespace DaprShared.Webhook.Admission;

/// <summary>The one content type an AdmissionReview comes in: <c>application/json</c>, optionally with a UTF-8
/// charset parameter (JSON is UTF-8, RFC 8259 §8.1).</summary>
internal static class JsonContentType
{
    public const string Json = "application/json";

    public static bool IsAcceptable(string? contentType)
    {
        if (string.Equals(contentType, Json, StringComparison.OrdinalIgnoreCase))
        {
            return true; // what the API server sends: no parsing, no allocation
        }

        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return false;
        }

        if (!parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = HeaderUtilities.RemoveQuotes(parsed.Charset);
        return !charset.HasValue
            || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
