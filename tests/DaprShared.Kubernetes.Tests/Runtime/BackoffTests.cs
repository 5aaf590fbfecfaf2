using DaprShared.Kubernetes.Runtime;

namespace DaprShared.Kubernetes.Tests.Runtime;

public sealed class BackoffTests
{
    [Fact]
    public void Delay_GrowsExponentiallyWithinJitterAndStaysUnderTheCap()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), jitter: 0.2, new Random(7));

        for (var attempt = 0; attempt < 40; attempt++)
        {
            var nominal = Math.Min(2000, 100 * Math.Pow(2, attempt));
            var delay = backoff.Delay(attempt).TotalMilliseconds;
            delay.Should().BeInRange(nominal * 0.8, nominal, $"attempt {attempt}");
        }
    }

    [Fact]
    public void Delay_AtTheCap_StillSpreadsRetries()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), jitter: 0.2, new Random(1));

        var delays = Enumerable.Range(0, 50).Select(_ => backoff.Delay(0)).Distinct().ToList();

        delays.Count.Should().BeGreaterThan(40, "clients retrying together must not stay in lockstep");
    }

    [Fact]
    public void Delay_HugeAttempt_NoOverflow()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(5));

        backoff.Delay(int.MaxValue).Should().BeLessThanOrEqualTo(TimeSpan.FromMinutes(5));
    }

    [Theory]
    [InlineData(0, 1000, 0.2)]
    [InlineData(2000, 1000, 0.2)]
    [InlineData(100, 1000, 1.0)]
    public void Constructor_ImpossibleSettings_Throw(int initialMs, int maxMs, double jitter)
    {
        var create = () => new Backoff(TimeSpan.FromMilliseconds(initialMs), TimeSpan.FromMilliseconds(maxMs), jitter);

        create.Should().Throw<ArgumentOutOfRangeException>();
    }
}
