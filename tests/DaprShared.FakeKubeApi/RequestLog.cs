namespace DaprShared.FakeKubeApi;

/// <summary>Every request the fake answered, in order; tests count writes with it.</summary>
public sealed class RequestLog
{
    private readonly object gate = new();
    private readonly List<FakeRequest> requests = [];
    private long sequence;

    public IReadOnlyList<FakeRequest> All
    {
        get
        {
            lock (gate)
            {
                return requests.ToArray();
            }
        }
    }

    /// <summary>A position in the log, for <see cref="Since"/>.</summary>
    public long Mark()
    {
        lock (gate)
        {
            return sequence;
        }
    }

    /// <summary>Requests logged after <paramref name="mark"/>.</summary>
    public IReadOnlyList<FakeRequest> Since(long mark)
    {
        lock (gate)
        {
            return requests.Where(r => r.Sequence > mark).ToArray();
        }
    }

    public int Count(Func<FakeRequest, bool> predicate)
    {
        lock (gate)
        {
            return requests.Count(predicate);
        }
    }

    public IReadOnlyList<FakeRequest> Writes(long since = 0) => Since(since).Where(r => r.IsWrite).ToArray();

    public void Clear()
    {
        lock (gate)
        {
            requests.Clear();
        }
    }

    internal long NextSequence() => Interlocked.Increment(ref sequence);

    internal void Add(FakeRequest request)
    {
        lock (gate)
        {
            requests.Add(request);
        }
    }
}
