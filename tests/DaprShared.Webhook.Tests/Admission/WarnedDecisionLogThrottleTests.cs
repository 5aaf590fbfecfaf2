using DaprShared.Webhook.Admission;

namespace DaprShared.Webhook.Tests.Admission;

public sealed class WarnedDecisionLogThrottleTests
{
    private readonly SteppingTimestampClock clock = new();
    private readonly WarnedDecisionLogThrottle throttle;

    public WarnedDecisionLogThrottleTests()
    {
        throttle = new WarnedDecisionLogThrottle(clock);
    }

    [Fact]
    public void ShouldLog_FirstTimeForKey_True()
    {
        throttle.ShouldLog("shop", "checkout", "injected").Should().BeTrue();
    }

    [Fact]
    public void ShouldLog_RepeatWithinInterval_False()
    {
        throttle.ShouldLog("shop", "checkout", "injected");
        clock.Advance(WarnedDecisionLogThrottle.Interval - TimeSpan.FromTicks(1));

        throttle.ShouldLog("shop", "checkout", "injected").Should().BeFalse();
    }

    [Fact]
    public void ShouldLog_IntervalPassed_TrueOnceThenQuietAgain()
    {
        throttle.ShouldLog("shop", "checkout", "injected");
        clock.Advance(WarnedDecisionLogThrottle.Interval);

        throttle.ShouldLog("shop", "checkout", "injected").Should().BeTrue();
        throttle.ShouldLog("shop", "checkout", "injected").Should().BeFalse();
        clock.Advance(TimeSpan.FromSeconds(59));
        throttle.ShouldLog("shop", "checkout", "injected").Should().BeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));
        throttle.ShouldLog("shop", "checkout", "injected").Should().BeTrue();
    }

    [Fact]
    public void ShouldLog_OtherNamespaceAppIdOrReason_EachIsItsOwnKey()
    {
        throttle.ShouldLog("shop", "checkout", "injected");

        throttle.ShouldLog("shop-staging", "checkout", "injected").Should().BeTrue();
        throttle.ShouldLog("shop", "orders", "injected").Should().BeTrue();
        throttle.ShouldLog("shop", "checkout", "already_injected").Should().BeTrue();
        throttle.ShouldLog("shop", null, "injected").Should().BeTrue();
        throttle.ShouldLog(null, "checkout", "injected").Should().BeTrue();
        throttle.ShouldLog("shop", "checkout", "injected").Should().BeFalse();
        throttle.ShouldLog("shop", null, "injected").Should().BeFalse();
    }

    [Fact]
    public void ShouldLog_FarMoreKeysThanCapacity_MemoryStaysBoundedAndEvictedKeysAreLoggedAgain()
    {
        throttle.ShouldLog("shop", "first", "injected").Should().BeTrue();

        // Every key is new, so every one is logged; the table never holds more than its capacity. Twenty times the
        // capacity puts ~80 new keys in every set, so the first key (the least recently logged) has been replaced.
        var keys = WarnedDecisionLogThrottle.Capacity * 20;
        for (var i = 0; i < keys; i++)
        {
            clock.Advance(TimeSpan.FromTicks(1));
            throttle.ShouldLog("shop", $"app-{i}", "injected").Should().BeTrue();
        }

        throttle.Count.Should().BeLessThanOrEqualTo(WarnedDecisionLogThrottle.Capacity).And.BeGreaterThan(WarnedDecisionLogThrottle.Capacity / 2);
        throttle.ShouldLog("shop", "first", "injected").Should().BeTrue("a forgotten key is logged again, never lost");
        throttle.ShouldLog("shop", $"app-{keys - 1}", "injected").Should().BeFalse("the most recent keys are still remembered");
    }

    [Fact]
    public void ShouldLog_ConcurrentRepeatsOfOneKey_ExactlyOneIsLogged()
    {
        var logged = 0;
        Parallel.For(0, 20_000, _ =>
        {
            if (throttle.ShouldLog("shop", "checkout", "injected"))
            {
                Interlocked.Increment(ref logged);
            }
        });

        logged.Should().Be(1);
    }

    [Fact]
    public void ShouldLog_ConcurrentDueKey_ExactlyOneIsLogged()
    {
        throttle.ShouldLog("shop", "checkout", "injected");
        clock.Advance(WarnedDecisionLogThrottle.Interval);
        var logged = 0;
        Parallel.For(0, 20_000, _ =>
        {
            if (throttle.ShouldLog("shop", "checkout", "injected"))
            {
                Interlocked.Increment(ref logged);
            }
        });

        logged.Should().Be(1);
    }
}
