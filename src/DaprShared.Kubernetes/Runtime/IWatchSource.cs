using k8s;

namespace DaprShared.Kubernetes.Runtime;

/// <summary>List-then-watch access to one kind of object, as an <see cref="Informer{T}"/> needs it.</summary>
public interface IWatchSource<T>
{
    /// <summary>Short resource name for logs and metrics, e.g. <c>services</c>.</summary>
    string Resource { get; }

    /// <summary>A consistent list and the resourceVersion to start watching from.</summary>
    Task<(IReadOnlyList<T> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken);

    /// <summary>Events after <paramref name="resourceVersion"/>; ERROR events (e.g. 410 Gone) go to
    /// <paramref name="onError"/> as <see cref="KubernetesException"/>.</summary>
    IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, int timeoutSeconds, Action<Exception> onError, CancellationToken cancellationToken);
}
