using System.Text.Json;
using DaprShared.Kubernetes.Api;
using k8s;

namespace DaprShared.Kubernetes.Runtime;

/// <summary>Why a list or watch of an informer failed (<see cref="IInformerMetrics.WatchFailed"/>): a small fixed set,
/// so that an alert can tell a server that refuses the watch from one that cannot be reached.</summary>
public static class WatchFailureReasons
{
    /// <summary>The stream ended at once without a single event: the server (or a proxy) refused the watch without
    /// saying why, e.g. an Accept header it cannot serve.</summary>
    public const string EmptyWatch = "empty_watch";

    /// <summary>An ERROR event other than 410 Gone inside the stream.</summary>
    public const string ErrorEvent = "error_event";

    /// <summary>The list or the watch was answered with an HTTP error.</summary>
    public const string HttpError = "http_error";

    public const string Connection = "connection";

    public const string Timeout = "timeout";

    /// <summary>The answer was not the JSON expected.</summary>
    public const string Decode = "decode";

    public const string Other = "other";

    public static string Of(Exception e) => e switch
    {
        KubernetesException => ErrorEvent,
        KubernetesApiException => HttpError,
        HttpRequestException or IOException => Connection,
        OperationCanceledException or TimeoutException => Timeout,
        JsonException => Decode,
        _ => Other,
    };
}
