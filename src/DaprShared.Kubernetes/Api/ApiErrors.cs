using System.Net;
using k8s;

namespace DaprShared.Kubernetes.Api;

/// <summary>Short, safe descriptions of API failures for logs: the status code and the server's Status message,
/// never a request body (which, for a Secret, would hold its data).</summary>
public static class ApiErrors
{
    public static bool IsStatus(Exception e, HttpStatusCode code) => e is KubernetesApiException api && api.StatusCode == code;

    public static string Describe(Exception e)
    {
        switch (e)
        {
            case KubernetesApiException api:
                return api.Status?.Message is { Length: > 0 } message
                    ? $"HTTP {(int)api.StatusCode}: {message}"
                    : $"HTTP {(int)api.StatusCode}";
            case KubernetesException k:
                // An ERROR event of a watch: its Status is the server's only explanation, so keep what it has.
                return k.Status?.Code is { } code
                    ? $"HTTP {code}: {k.Status.Message ?? k.Status.Reason}"
                    : k.Status?.Message ?? k.Status?.Reason ?? k.Message;
            case HttpRequestException h:
                return "connection failed: " + (h.InnerException?.Message ?? h.Message);
            case TaskCanceledException:
                return "request timed out";
            default:
                return e.GetType().Name + ": " + e.Message;
        }
    }
}
