using DaprShared.Kubernetes.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace DaprShared.Kubernetes.Tests.Runtime;

public sealed class WorkQueueTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public async Task Add_SameKeyManyTimes_QueuedOnce()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        queue.Count.Should().Be(2);
        (await queue.TakeAsync(CancellationToken.None)).Should().Be("a");
        (await queue.TakeAsync(CancellationToken.None)).Should().Be("b");
    }

    [Fact]
    public async Task Add_WhileProcessing_ProcessedAgainAfterDoneNotInParallel()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var key = await queue.TakeAsync(CancellationToken.None);

        queue.Add("a");
        queue.Count.Should().Be(0, "a key being processed is not handed to a second worker");
        queue.Done(key);

        queue.Count.Should().Be(1);
        (await queue.TakeAsync(CancellationToken.None)).Should().Be("a");
    }

    [Fact]
    public void AddRateLimited_ConsecutiveFailures_DoubleTheDelayUntilForget()
    {
        using var queue = NewQueue();

        var delays = Enumerable.Range(0, 6).Select(_ => queue.AddRateLimited("a")).ToList();

        delays.Should().Equal(
            TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400),
            TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(1000));
        queue.Failures("a").Should().Be(6);
        queue.Forget("a");
        queue.Failures("a").Should().Be(0);
        queue.AddRateLimited("a").Should().Be(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void AddAfter_KeyArrivesOnlyWhenTheDelayPassed()
    {
        using var queue = NewQueue();

        queue.AddAfter("a", TimeSpan.FromSeconds(5));
        queue.Count.Should().Be(0);
        time.Advance(TimeSpan.FromSeconds(4));
        queue.Count.Should().Be(0);
        time.Advance(TimeSpan.FromSeconds(1));
        queue.Count.Should().Be(1);
    }

    [Fact]
    public void AddAfter_TwoDelays_TheEarlierWins()
    {
        using var queue = NewQueue();

        queue.AddAfter("a", TimeSpan.FromMinutes(5));
        queue.AddAfter("a", TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        queue.Count.Should().Be(1);

        queue.AddAfter("b", TimeSpan.FromSeconds(1));
        queue.AddAfter("b", TimeSpan.FromMinutes(5));
        time.Advance(TimeSpan.FromSeconds(1));
        queue.Count.Should().Be(2);
    }

    [Fact]
    public async Task Dispose_PendingTakeEnds()
    {
        var queue = NewQueue();
        var take = queue.TakeAsync(CancellationToken.None).AsTask();

        queue.Dispose();

        await take.Invoking(t => t).Should().ThrowAsync<InvalidOperationException>();
    }

    private WorkQueue<string> NewQueue() => new(new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), jitter: 0), time);
}
