using k8s;

namespace DaprShared.Controller.Runtime;

/// <summary>An <see cref="IWatchSource{T}"/> made of two calls of the generated client.</summary>
public sealed class DelegateWatchSource<T> : IWatchSource<T>
{
    private readonly Func<CancellationToken, Task<(IReadOnlyList<T>, string)>> list;
    private readonly Func<string, int, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch;

    public DelegateWatchSource(
        string resource,
        Func<CancellationToken, Task<(IReadOnlyList<T>, string)>> list,
        Func<string, int, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch)
    {
        Resource = resource;
        this.list = list;
        this.watch = watch;
    }

    public string Resource { get; }

    public Task<(IReadOnlyList<T> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken) => list(cancellationToken);

    public IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, int timeoutSeconds, Action<Exception> onError, CancellationToken cancellationToken) =>
        watch(resourceVersion, timeoutSeconds, onError, cancellationToken);
}
