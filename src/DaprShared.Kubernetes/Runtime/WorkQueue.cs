using System.Threading.Channels;

namespace DaprShared.Kubernetes.Runtime;

/// <summary>A controller's work queue: a key is queued at most once however often it is added, is never
/// processed by two workers at once (an add while it is processed queues it again afterwards), and failed keys
/// come back after a per-key capped exponential backoff.</summary>
public sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly object gate = new();
    private readonly HashSet<TKey> queued = [];
    private readonly HashSet<TKey> processing = [];
    private readonly HashSet<TKey> dirty = [];
    private readonly Dictionary<TKey, int> failures = [];
    private readonly Dictionary<TKey, (ITimer Timer, DateTimeOffset Due)> delayed = [];
    private readonly Channel<TKey> ready = Channel.CreateUnbounded<TKey>();
    private readonly Backoff backoff;
    private readonly TimeProvider time;
    private bool shutDown;

    public WorkQueue(Backoff backoff, TimeProvider time)
    {
        this.backoff = backoff;
        this.time = time;
    }

    /// <summary>Keys waiting to be processed (not counting delayed ones).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return queued.Count;
            }
        }
    }

    public void Add(TKey key)
    {
        lock (gate)
        {
            if (shutDown)
            {
                return;
            }

            if (processing.Contains(key))
            {
                dirty.Add(key);
                return;
            }

            if (queued.Add(key))
            {
                ready.Writer.TryWrite(key);
            }
        }
    }

    /// <summary>Adds the key after <paramref name="delay"/>; of two pending delays for one key the earlier wins.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (gate)
        {
            var due = time.GetUtcNow() + delay;
            if (shutDown || (delayed.TryGetValue(key, out var pending) && pending.Due <= due))
            {
                return;
            }

            pending.Timer?.Dispose();
            ITimer? timer = null;
            timer = time.CreateTimer(
                _ =>
                {
                    lock (gate)
                    {
                        if (delayed.TryGetValue(key, out var current) && ReferenceEquals(current.Timer, timer))
                        {
                            delayed.Remove(key);
                        }
                    }

                    timer?.Dispose();
                    Add(key);
                },
                null,
                delay,
                Timeout.InfiniteTimeSpan);
            delayed[key] = (timer, due);
        }
    }

    /// <summary>Retries a failed key later; each consecutive failure doubles the wait (up to the cap).</summary>
    public TimeSpan AddRateLimited(TKey key)
    {
        int attempt;
        lock (gate)
        {
            failures.TryGetValue(key, out attempt);
            failures[key] = attempt + 1;
        }

        var delay = backoff.Delay(attempt);
        AddAfter(key, delay);
        return delay;
    }

    /// <summary>Clears the failure history of a key after it succeeded.</summary>
    public void Forget(TKey key)
    {
        lock (gate)
        {
            failures.Remove(key);
        }
    }

    public int Failures(TKey key)
    {
        lock (gate)
        {
            return failures.GetValueOrDefault(key);
        }
    }

    /// <summary>Waits for the next key and marks it as being processed; call <see cref="Done"/> afterwards.</summary>
    public async ValueTask<TKey> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var key = await ready.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            lock (gate)
            {
                if (queued.Remove(key))
                {
                    processing.Add(key);
                    return key;
                }
            }
        }
    }

    public void Done(TKey key)
    {
        lock (gate)
        {
            processing.Remove(key);
            if (dirty.Remove(key) && !shutDown && queued.Add(key))
            {
                ready.Writer.TryWrite(key);
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            shutDown = true;
            foreach (var (timer, _) in delayed.Values)
            {
                timer.Dispose();
            }

            delayed.Clear();
            ready.Writer.TryComplete();
        }
    }
}
