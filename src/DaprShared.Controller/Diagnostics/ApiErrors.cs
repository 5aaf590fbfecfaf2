using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;

namespace DaprShared.Controller.Diagnostics;

/// <summary>Short, safe descriptions of API failures for logs: the status code and the server's Status message,
/// never a request body (which, for the token Secret, would hold the token).</summary>
internal static class ApiErrors
{
    public static bool IsStatus(Exception e, HttpStatusCode code) =>
        e is HttpOperationException { Response: { } response } && response.StatusCode == code;

    public static string Describe(Exception e)
    {
        switch (e)
        {
            case HttpOperationException { Response: { } response }:
                var message = StatusMessage(response.Content);
                return message is null
                    ? $"HTTP {(int)response.StatusCode}"
                    : $"HTTP {(int)response.StatusCode}: {message}";
            case KubernetesException k:
                return $"HTTP {k.Status?.Code}: {k.Status?.Message}";
            case HttpRequestException h:
                return "connection failed: " + (h.InnerException?.Message ?? h.Message);
            case TaskCanceledException:
                return "request timed out";
            default:
                return e.GetType().Name + ": " + e.Message;
        }
    }

    private static string? StatusMessage(string? content)
    {
        if (string.IsNullOrEmpty(content))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.TryGetProperty("message", out var message) ? message.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
