using System.Net;
using k8s.Models;

namespace DaprShared.Kubernetes.Api;

/// <summary>The API server answered with an error status. <see cref="Status"/> is the server's Status object when
/// it sent one. The request body is never part of it (for a Secret it would hold the token).</summary>
public sealed class KubernetesApiException : Exception
{
    public KubernetesApiException(HttpStatusCode statusCode, V1Status? status, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Status = status;
    }

    public HttpStatusCode StatusCode { get; }

    public V1Status? Status { get; }
}
