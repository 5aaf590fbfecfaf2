namespace DaprShared.Webhook.Tests.Admission;

/// <summary>A clock whose timestamps (<see cref="TimeProvider.GetTimestamp"/>, what intervals are measured with)
/// move only when the test moves them.</summary>
internal sealed class SteppingTimestampClock : TimeProvider
{
    private long timestamp = 1_000_000;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref timestamp);

    public void Advance(TimeSpan by) => Interlocked.Add(ref timestamp, by.Ticks);
}
