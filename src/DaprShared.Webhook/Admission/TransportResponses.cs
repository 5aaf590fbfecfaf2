using Microsoft.AspNetCore.Http;

namespace DaprShared.Webhook.Admission;

/// <summary>Named factories for every answer of the guarded transport. Reasons are stable snake_case values used in
/// logs and in the <c>dapr_shared_admission_bad_requests_total{reason}</c> metric.</summary>
internal static class TransportResponses
{
    public const string MethodNotAllowedReason = "method_not_allowed";
    public const string UnsupportedMediaTypeReason = "unsupported_media_type";
    public const string BodyTooLargeReason = "body_too_large";
    public const string EmptyBodyReason = "empty_body";
    public const string UnreadableBodyReason = "unreadable_body";
    public const string MalformedReviewReason = "malformed_review";
    public const string InternalErrorReason = "internal_error";

    private const int MaxEchoedLength = 100;

    /// <summary>200 with the AdmissionReview response JSON.</summary>
    public static TransportResponse Review(ReadOnlyMemory<byte> json) => new(StatusCodes.Status200OK, null, null, json);

    public static TransportResponse MethodNotAllowed(string method) => Reject(
        StatusCodes.Status405MethodNotAllowed, MethodNotAllowedReason, $"method {Echo(method)} is not allowed: POST an AdmissionReview");

    public static TransportResponse UnsupportedMediaType(string? contentType) => Reject(
        StatusCodes.Status415UnsupportedMediaType,
        UnsupportedMediaTypeReason,
        contentType is null
            ? "Content-Type is missing: expected application/json"
            : $"Content-Type {Echo(contentType)} is not supported: expected application/json (UTF-8)");

    public static TransportResponse BodyTooLarge(long limit) => Reject(
        StatusCodes.Status413PayloadTooLarge, BodyTooLargeReason, $"the request body is larger than {limit} bytes (Admission:MaxRequestBodyBytes)");

    public static TransportResponse EmptyBody() => Reject(
        StatusCodes.Status400BadRequest, EmptyBodyReason, "the request body is empty: expected an AdmissionReview");

    /// <summary>The server could not read the body (truncated, malformed chunking, too slow).</summary>
    public static TransportResponse UnreadableBody(int statusCode, string detail) => Reject(
        statusCode is >= 400 and < 500 ? statusCode : StatusCodes.Status400BadRequest,
        UnreadableBodyReason,
        $"the request body could not be read: {detail}");

    /// <summary>A body that is not a well-formed AdmissionReview of a Pod; the message comes from the core.</summary>
    public static TransportResponse MalformedReview(string message) => Reject(
        StatusCodes.Status400BadRequest, MalformedReviewReason, $"malformed AdmissionReview: {message}");

    /// <summary>An unexpected fault in the host. No detail leaks to the client; the log has it.</summary>
    public static TransportResponse InternalError() => Reject(
        StatusCodes.Status500InternalServerError, InternalErrorReason, "internal error: the webhook could not answer this request");

    private static TransportResponse Reject(int statusCode, string reason, string message) => new(statusCode, reason, message, default);

    // Request values are echoed so the caller sees what was wrong, bounded so they cannot blow up the answer or log.
    private static string Echo(string value) =>
        value.Length <= MaxEchoedLength ? $"\"{value}\"" : $"\"{value[..MaxEchoedLength]}...\"";
}
