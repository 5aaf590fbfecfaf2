namespace DaprShared.Webhook.Tests.SelfManagedTls;

/// <summary>A clock the test moves: certificates live for months, tests for milliseconds. Only the current time is
/// faked; the tests drive reconciles directly rather than through timers.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
