using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DaprShared.Kubernetes.Runtime;
using k8s;
using k8s.Models;

namespace DaprShared.Kubernetes.Tests.Runtime;

/// <summary>An <see cref="IWatchSource{T}"/> whose watches follow a script, one step per watch request: end at
/// once with no event (what a kube-apiserver does with a watch it cannot encode), send an ERROR event, fail the
/// request, or deliver an object. Once the script is used up, a watch stays open without events until it is
/// cancelled, as a healthy watch of a quiet cluster does.</summary>
internal sealed class ScriptedWatchSource<T>(string resource) : IWatchSource<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentQueue<Step> script = new();
    private readonly TaskCompletionSource quiet = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource listStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? listGate;
    private int lists;
    private int watches;

    public string Resource { get; } = resource;

    public IReadOnlyList<T> Items { get; init; } = [];

    public int Lists => Volatile.Read(ref lists);

    public int Watches => Volatile.Read(ref watches);

    /// <summary>Completes when a watch has run out of script and stays open: everything before it was handled.</summary>
    public Task Quiet => quiet.Task;

    /// <summary>Completes when the first list request arrives.</summary>
    public Task ListStarted => listStarted.Task;

    /// <summary>Lists wait until the returned source completes (to look at an informer that is still listing).</summary>
    public TaskCompletionSource HoldLists() => listGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The next <paramref name="times"/> watches end at once without any event.</summary>
    public ScriptedWatchSource<T> EndAtOnce(int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            script.Enqueue(new Step());
        }

        return this;
    }

    /// <summary>The next watch sends an ERROR event with <paramref name="status"/> and then stays open (the client
    /// keeps reading after an ERROR event; it is the informer that must stop).</summary>
    public ScriptedWatchSource<T> SendError(V1Status status)
    {
        script.Enqueue(new Step(Error: status, End: false));
        return this;
    }

    /// <summary>The next <paramref name="times"/> watch requests throw <paramref name="exception"/> (an HTTP error).</summary>
    public ScriptedWatchSource<T> Fail(Exception exception, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            script.Enqueue(new Step(Throw: exception));
        }

        return this;
    }

    /// <summary>The next watch delivers <paramref name="item"/> as ADDED, then ends (a healthy watch that the server
    /// closed) or, with <paramref name="thenEnd"/> false, stays open.</summary>
    public ScriptedWatchSource<T> Deliver(T item, bool thenEnd = true)
    {
        script.Enqueue(new Step(Item: item, End: thenEnd));
        return this;
    }

    public async Task<(IReadOnlyList<T> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref lists);
        listStarted.TrySetResult();
        if (listGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return (Items, "100");
    }

    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(
        string resourceVersion, int timeoutSeconds, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref watches);
        await Task.Yield();
        var step = script.TryDequeue(out var next) ? next : new Step(End: false);
        if (step.Throw is { } exception)
        {
            throw exception;
        }

        if (step.Error is { } status)
        {
            onError(new KubernetesException(status));
        }

        if (step.Item is { } item)
        {
            yield return (WatchEventType.Added, item);
        }

        if (step.End)
        {
            yield break;
        }

        // Only reached once the informer asked for the next event, so it has handled everything before.
        if (step.Error is null && script.IsEmpty)
        {
            quiet.TrySetResult();
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    private sealed record Step(Exception? Throw = null, V1Status? Error = null, T? Item = null, bool End = true);
}
