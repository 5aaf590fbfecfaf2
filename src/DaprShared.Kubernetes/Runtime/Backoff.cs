namespace DaprShared.Kubernetes.Runtime;

/// <summary>Capped exponential backoff with jitter: attempt n waits <c>initial * 2^n</c> (at most <c>max</c>) minus up
/// to <c>jitter</c> of it, so that many retrying clients do not hit the API server in lockstep, even at the cap.</summary>
public sealed class Backoff
{
    private readonly Random random;

    public Backoff(TimeSpan initial, TimeSpan max, double jitter = 0.2, Random? random = null)
    {
        if (initial <= TimeSpan.Zero || max < initial)
        {
            throw new ArgumentOutOfRangeException(nameof(initial), "need 0 < initial <= max");
        }

        if (jitter is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(jitter), "jitter must be in [0, 1)");
        }

        Initial = initial;
        Max = max;
        Jitter = jitter;
        this.random = random ?? Random.Shared;
    }

    public TimeSpan Initial { get; }

    public TimeSpan Max { get; }

    public double Jitter { get; }

    /// <summary>The delay before retry number <paramref name="attempt"/> (0 = first retry).</summary>
    public TimeSpan Delay(int attempt)
    {
        var exponent = Math.Clamp(attempt, 0, 62);
        var nominal = Math.Min(Max.TotalMilliseconds, Initial.TotalMilliseconds * Math.Pow(2, exponent));
        double factor;
        lock (random)
        {
            factor = 1 - (Jitter * random.NextDouble());
        }

        return TimeSpan.FromMilliseconds(nominal * factor);
    }
}
