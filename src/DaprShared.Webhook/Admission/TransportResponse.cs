using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DaprShared.Webhook.Admission;

/// <summary>What the guarded transport answers: an AdmissionReview (200, JSON) or a rejection (status, a stable
/// reason for logs and metrics, and a one-line message as text/plain). Made by <see cref="TransportResponses"/>.</summary>
internal readonly record struct TransportResponse(int StatusCode, string? Reason, string? Message, ReadOnlyMemory<byte> Json)
{
    private const string TextPlain = "text/plain; charset=utf-8";

    public bool IsRejection => Reason is not null;

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCode;
        if (!IsRejection)
        {
            response.ContentType = JsonContentType.Json;
            response.ContentLength = Json.Length;
            await response.BodyWriter.WriteAsync(Json, cancellationToken);
            return;
        }

        if (StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            response.Headers.Allow = HttpMethods.Post;
        }
        else if (StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The rest of an oversized body is not worth reading: end the connection after this answer.
            response.Headers.Connection = "close";
        }

        var text = Encoding.UTF8.GetBytes(Message + "\n");
        response.ContentType = TextPlain;
        response.ContentLength = text.Length;
        response.Headers[HeaderNames.CacheControl] = "no-store";
        await response.Body.WriteAsync(text, cancellationToken);
    }
}
