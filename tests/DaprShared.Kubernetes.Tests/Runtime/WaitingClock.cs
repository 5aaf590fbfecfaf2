using Microsoft.Extensions.Time.Testing;

namespace DaprShared.Kubernetes.Tests.Runtime;

/// <summary>A <see cref="FakeTimeProvider"/> that knows when the code under test starts waiting on it (a backoff
/// delay creates a timer), so a test moves time exactly when there is a wait to end: no wall-clock sleeps, and no
/// advance that lands before the wait it was meant for.</summary>
internal sealed class WaitingClock : FakeTimeProvider
{
    private readonly SemaphoreSlim waits = new(0);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        waits.Release();
        return timer;
    }

    /// <summary>Waits until the code under test waits on this clock (a timeout fails the test rather than hang it).</summary>
    public async Task WaitingAsync()
    {
        (await waits.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue("the code under test should wait on the clock");
    }

    /// <summary>Waits until the code under test waits on this clock (true), or until <paramref name="ended"/>
    /// completes first because the code stopped instead (false).</summary>
    public async Task<bool> WaitingOrEndedAsync(Task ended)
    {
        using var cancel = new CancellationTokenSource();
        var waiting = waits.WaitAsync(TimeSpan.FromSeconds(10), cancel.Token);
        await Task.WhenAny(waiting, ended);
        await cancel.CancelAsync();
        try
        {
            if (await waiting)
            {
                return true;
            }
        }
        catch (OperationCanceledException)
        {
        }

        ended.IsCompleted.Should().BeTrue("the code under test should wait on the clock or end");
        return false;
    }

    /// <summary>Waits until the code under test waits, then moves time on by <paramref name="by"/>.</summary>
    public async Task AdvanceWhenWaitingAsync(TimeSpan by)
    {
        await WaitingAsync();
        Advance(by);
    }
}
