namespace DaprShared.Webhook.Admission;

/// <summary>Decides when a decision that carries warnings is logged at Information: the first time per
/// (namespace, app-id, reason), then at most once per <see cref="Interval"/> per key. A misconfigured Deployment
/// creates the same warned pod over and over; operators need to see it, not one console line per pod (formatting
/// one costs more CPU than the decision itself). The other repeats go to Debug.
/// Memory is bounded: keys live in a fixed table of <see cref="Sets"/> sets of <see cref="Ways"/> entries; a new key
/// in a full set replaces the entry logged longest ago, so a forgotten key is at worst logged at Information again.
/// Thread-safe without locks: each entry is immutable and replaced by compare-and-swap, so of two requests racing
/// for the same due key only one logs at Information.</summary>
public sealed class WarnedDecisionLogThrottle
{
    public const int Sets = 256;
    public const int Ways = 4;

    /// <summary>How long a key stays quiet after it was logged at Information.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider time;
    private readonly Entry?[] entries = new Entry?[Sets * Ways];

    public WarnedDecisionLogThrottle(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        this.time = time;
    }

    /// <summary>How many keys are remembered at most.</summary>
    public static int Capacity => Sets * Ways;

    /// <summary>How many keys are remembered now (for tests of the bound).</summary>
    internal int Count => entries.Count(entry => entry is not null);

    /// <summary>True when this decision is to be logged at Information now (and the key is then quiet for
    /// <see cref="Interval"/>); false when it is a repeat within the interval.</summary>
    public bool ShouldLog(string? @namespace, string? appId, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var now = time.GetTimestamp();
        var set = (int)((uint)HashCode.Combine(@namespace, appId, reason) % Sets) * Ways;

        // Up to a few rounds: another thread may replace an entry of this set between our read and our swap.
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var free = -1;
            var oldest = -1;
            Entry? oldestEntry = null;
            for (var slot = set; slot < set + Ways; slot++)
            {
                var entry = Volatile.Read(ref entries[slot]);
                if (entry is null)
                {
                    free = free < 0 ? slot : free;
                    continue;
                }

                if (entry.Matches(@namespace, appId, reason))
                {
                    if (time.GetElapsedTime(entry.LoggedAt, now) < Interval)
                    {
                        return false;
                    }

                    // Due again: whoever swaps in the new timestamp logs; a loser is a repeat.
                    return Interlocked.CompareExchange(ref entries[slot], entry.LoggedAgain(now), entry) == entry;
                }

                if (oldestEntry is null || entry.LoggedAt < oldestEntry.LoggedAt)
                {
                    oldest = slot;
                    oldestEntry = entry;
                }
            }

            // A new key: take a free entry of the set, or the one logged longest ago.
            var victim = free >= 0 ? free : oldest;
            var expected = free >= 0 ? null : oldestEntry;
            if (Interlocked.CompareExchange(ref entries[victim], new Entry(@namespace, appId, reason, now), expected) == expected)
            {
                return true;
            }
        }

        // The set is being rewritten under us by other keys: logging once more is the safe side.
        return true;
    }

    private sealed class Entry(string? @namespace, string? appId, string reason, long loggedAt)
    {
        public long LoggedAt { get; } = loggedAt;

        public bool Matches(string? ns, string? id, string why) =>
            string.Equals(reason, why, StringComparison.Ordinal)
            && string.Equals(appId, id, StringComparison.Ordinal)
            && string.Equals(@namespace, ns, StringComparison.Ordinal);

        public Entry LoggedAgain(long now) => new(@namespace, appId, reason, now);
    }
}
