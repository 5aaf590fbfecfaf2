using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using DaprShared.Kubernetes.Api;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace DaprShared.Kubernetes.Runtime;

/// <summary>A list-then-watch cache of one kind of object (client-go's reflector + store, in small): lists once,
/// watches from the list's resourceVersion with bookmarks, lists again on 410 Gone, and backs off on failures so
/// that an unreachable API server costs a request every few seconds at most, never a hot loop. A run of failures is
/// logged at Warning once, with the server's reason, and shows in <see cref="Status"/> and <see cref="IInformerMetrics"/>.</summary>
public sealed class Informer<T> : IInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentDictionary<(string Namespace, string Name), T> cache = new();
    private readonly IWatchSource<T> source;
    private readonly InformerSettings settings;
    private readonly Func<T, bool>? keep;
    private readonly ILogger logger;
    private readonly IInformerMetrics metrics;
    private readonly WatchHealth health;
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Informer(IWatchSource<T> source, InformerSettings settings, IInformerMetrics metrics, ILogger logger, Func<T, bool>? keep = null)
    {
        this.source = source;
        this.settings = settings;
        this.metrics = metrics;
        this.logger = logger;
        this.keep = keep;
        health = new WatchHealth(source.Resource, metrics, logger, settings.Time);
    }

    /// <summary>Called on the informer's task for every change; handlers must be quick (enqueue a key).</summary>
    public event Action<InformerEvent<T>>? Changed;

    public string Resource => source.Resource;

    public bool HasSynced => synced.Task.IsCompleted;

    /// <summary>The resourceVersion the next watch starts from (null before the first list).</summary>
    public string? LastResourceVersion { get; private set; }

    public int Count => cache.Count;

    public CacheStatus Status => health.Status;

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => synced.Task.WaitAsync(cancellationToken);

    public bool TryGet(string? @namespace, string name, out T value) =>
        cache.TryGetValue((@namespace ?? "", name), out value!);

    public IReadOnlyList<T> List(Func<T, bool>? where = null) =>
        cache.Values.Where(v => where is null || where(v)).ToList();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        health.Starting();
        try
        {
            await ListAndWatchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            health.Stopped();
        }
    }

    private async Task ListAndWatchAsync(CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (resourceVersion is null)
                {
                    var (items, listVersion) = await source.ListAsync(cancellationToken).ConfigureAwait(false);
                    Replace(items);
                    resourceVersion = listVersion;
                    LastResourceVersion = listVersion;
                    KubernetesLog.Listed(logger, items.Count, source.Resource, listVersion);
                    synced.TrySetResult();
                    health.Listed();
                }

                var outcome = await WatchOnceAsync(resourceVersion, cancellationToken).ConfigureAwait(false);
                resourceVersion = outcome.ResourceVersion;

                // A stream that ends at once without a single event is a failure in disguise: a kube-apiserver that
                // cannot encode a watch's events just ends the stream, a proxy may close it, a server may keep
                // expiring us. It backs off instead of spinning and, unless it was a 410 (answered by a new list),
                // is a failure of the cache: nothing else would tell anyone that the cache went blind.
                var empty = outcome.Events == 0 && outcome.Duration < settings.HealthyWatchDuration;
                if (outcome.Expired)
                {
                    metrics.WatchRestarted(source.Resource, WatchRestartReasons.Expired);
                    KubernetesLog.WatchExpired(logger, source.Resource);
                    resourceVersion = null;
                }
                else
                {
                    metrics.WatchRestarted(source.Resource, WatchRestartReasons.Closed);
                    if (!empty)
                    {
                        KubernetesLog.WatchEnded(logger, source.Resource, outcome.Events);
                    }
                }

                if (empty)
                {
                    var delay = settings.Backoff.Delay(failures++);
                    if (!outcome.Expired)
                    {
                        health.Failed(WatchFailureReasons.EmptyWatch, EndedEmpty(outcome.Duration), delay);
                    }

                    await Task.Delay(delay, settings.Time, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    failures = 0;
                    health.Working();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (KubernetesApiException e) when (e.StatusCode == HttpStatusCode.Gone)
            {
                metrics.WatchRestarted(source.Resource, WatchRestartReasons.Expired);
                KubernetesLog.WatchExpired(logger, source.Resource);
                resourceVersion = null;
            }
            catch (Exception e)
            {
                var delay = settings.Backoff.Delay(failures++);
                metrics.WatchRestarted(source.Resource, WatchRestartReasons.Error);
                health.Failed(WatchFailureReasons.Of(e), ApiErrors.Describe(e), delay);
                try
                {
                    await Task.Delay(delay, settings.Time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task<WatchOutcome> WatchOnceAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var started = settings.Time.GetTimestamp();
        var events = 0;
        var expired = false;
        Exception? streamError = null;
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        void OnError(Exception e)
        {
            if (e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone })
            {
                expired = true;
            }
            else
            {
                streamError ??= e;
            }

            // The client keeps reading after an ERROR event; stop this stream and decide outside.
            stream.Cancel();
        }

        // A quiet cluster may send no event for minutes (bookmarks come about once a minute): a watch that has stayed
        // open this long without an error works, and a cache recovering from a run of failures must say so now.
        using var provenOpen = settings.OpenWatchWorksAfter == Timeout.InfiniteTimeSpan ? null : settings.Time.CreateTimer(
            _ =>
            {
                if (streamError is null && !expired)
                {
                    health.Working();
                }
            },
            null,
            settings.OpenWatchWorksAfter,
            Timeout.InfiniteTimeSpan);
        var timeout = (int)(settings.WatchTimeout.TotalSeconds * (1 + Random.Shared.NextDouble()));
        try
        {
            await foreach (var (type, item) in source.WatchAsync(resourceVersion, Math.Max(1, timeout), OnError, stream.Token).ConfigureAwait(false))
            {
                if (item?.Metadata?.ResourceVersion is { Length: > 0 } version)
                {
                    resourceVersion = version;
                    LastResourceVersion = version;
                }

                switch (type)
                {
                    case WatchEventType.Added or WatchEventType.Modified:
                        events++;
                        Upsert(item!);
                        break;
                    case WatchEventType.Deleted:
                        events++;
                        Remove(item!);
                        break;
                    case WatchEventType.Bookmark:
                        events++;
                        break;
                }

                // The first event proves the watch works: a recovery shows now, not when the stream ends minutes later.
                if (events == 1)
                {
                    health.Working();
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Cancelled by OnError.
        }

        if (streamError is not null && !expired)
        {
            throw streamError;
        }

        return new WatchOutcome(resourceVersion, expired, events, settings.Time.GetElapsedTime(started));
    }

    private void Replace(IReadOnlyList<T> items)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var item in items)
        {
            if (item.Metadata?.Name is null || !Keeps(item))
            {
                continue;
            }

            seen.Add(KeyOf(item));
            Upsert(item);
        }

        foreach (var (key, old) in cache.ToArray())
        {
            if (!seen.Contains(key) && cache.TryRemove(key, out _))
            {
                Changed?.Invoke(new InformerEvent<T>(WatchEventType.Deleted, old, old));
            }
        }
    }

    private void Upsert(T item)
    {
        if (item.Metadata?.Name is null)
        {
            return;
        }

        var key = KeyOf(item);
        if (!Keeps(item))
        {
            if (cache.TryRemove(key, out var dropped))
            {
                Changed?.Invoke(new InformerEvent<T>(WatchEventType.Deleted, dropped, dropped));
            }

            return;
        }

        cache.TryGetValue(key, out var old);
        if (old is not null && old.Metadata.ResourceVersion == item.Metadata.ResourceVersion)
        {
            return;
        }

        cache[key] = item;
        Changed?.Invoke(new InformerEvent<T>(old is null ? WatchEventType.Added : WatchEventType.Modified, old, item));
    }

    private void Remove(T item)
    {
        if (item.Metadata?.Name is not null && cache.TryRemove(KeyOf(item), out var old))
        {
            Changed?.Invoke(new InformerEvent<T>(WatchEventType.Deleted, old, item));
        }
    }

    private static string EndedEmpty(TimeSpan duration) =>
        $"the stream ended after {duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s without any event "
        + "(the server cannot serve this watch, or a proxy closes it)";

    private bool Keeps(T item) => keep is null || keep(item);

    private static (string, string) KeyOf(T item) => (item.Metadata.NamespaceProperty ?? "", item.Metadata.Name);

    private readonly record struct WatchOutcome(string ResourceVersion, bool Expired, int Events, TimeSpan Duration);
}
