namespace DaprShared.Controller.Tests.Support;

/// <summary>Counts (and can cut off) one client's requests, including those that never reach the server because
/// it is down: that is how the tests see whether a client hot-loops.</summary>
internal sealed class CountingHandler : DelegatingHandler
{
    private int attempts;
    private int writes;
    private volatile bool partitioned;

    /// <summary>When true every request fails like a network partition, before it leaves the process.</summary>
    public bool Partitioned
    {
        get => partitioned;
        set => partitioned = value;
    }

    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>POST/PUT/PATCH/DELETE requests other than the leader Lease.</summary>
    public int Writes => Volatile.Read(ref writes);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref attempts);
        if (request.Method != HttpMethod.Get && !(request.RequestUri?.AbsolutePath.Contains("/leases", StringComparison.Ordinal) ?? false))
        {
            Interlocked.Increment(ref writes);
        }

        if (Partitioned)
        {
            throw new HttpRequestException("partitioned by the test");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
