using System.Net;
using DaprShared.Kubernetes.Api;
using DaprShared.Kubernetes.Runtime;
using DaprShared.TestData.Logging;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace DaprShared.Kubernetes.Tests.Runtime;

/// <summary>A cache that cannot watch must say so: once per run of failures at Warning with the server's reason,
/// counted every time, and visible in its status and gauges until a watch works again.</summary>
public sealed class InformerWatchHealthTests : IAsyncDisposable
{
    private const string Resource = "pods";
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    private readonly WaitingClock clock = new();
    private readonly TestLoggerProvider logs;
    private readonly RecordingInformerMetrics metrics = new();
    private readonly CancellationTokenSource stop = new();
    private readonly ILoggerFactory loggers;
    private Task? run;

    public InformerWatchHealthTests(ITestOutputHelper output)
    {
        logs = new TestLoggerProvider(output);
        loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
    }

    [Fact]
    public async Task RunAsync_WatchEndsAtOnceThreeTimesThenWorks_WarnsOnceCountsEveryFailureAndLogsRecovery()
    {
        var source = new ScriptedWatchSource<V1Pod>(Resource).EndAtOnce(3).Deliver(Pod("a-1"), thenEnd: false);
        var informer = Start(source);

        for (var i = 0; i < 3; i++)
        {
            await clock.AdvanceWhenWaitingAsync(Retry);
        }

        await source.Quiet.WaitAsync(TimeSpan.FromSeconds(10));
        var warning = Lines(3020).Should().ContainSingle("one run of failures is one Warning, not one per retry").Which;
        warning.Should().Contain("Warn").And.Contain("Watch of pods failed").And.Contain("without any event");
        Lines(3024).Should().HaveCount(2).And.OnlyContain(l => l.Contains("Debu", StringComparison.Ordinal));
        Lines(3025).Should().ContainSingle().Which.Should().Contain("Info").And.Contain("Watch of pods healthy again after 3 failures");
        Lines(3023).Should().BeEmpty("a watch that ended at once is a failure, not a normal end");
        metrics.Failures(Resource, WatchFailureReasons.EmptyWatch).Should().Be(3);
        informer.Status.Should().Be(new CacheStatus(Resource, CacheState.Watching, Synced: true, 0, null, null));
        informer.Count.Should().Be(1);
    }

    [Fact]
    public async Task RunAsync_TwoRunsOfFailures_OneWarningPerRun()
    {
        var source = new ScriptedWatchSource<V1Pod>(Resource)
            .EndAtOnce(2).Deliver(Pod("a-1"))
            .EndAtOnce(2).Deliver(Pod("a-2"), thenEnd: false);
        Start(source);

        // A watch that delivered an event ends the first run; it is retried at once, without a backoff wait.
        for (var i = 0; i < 4; i++)
        {
            await clock.AdvanceWhenWaitingAsync(Retry);
        }

        await source.Quiet.WaitAsync(TimeSpan.FromSeconds(10));
        Lines(3020).Should().HaveCount(2);
        Lines(3025).Should().HaveCount(2).And.OnlyContain(l => l.Contains("after 2 failures", StringComparison.Ordinal));
        metrics.Failures(Resource, WatchFailureReasons.EmptyWatch).Should().Be(4);
        source.Watches.Should().Be(6);
    }

    [Fact]
    public async Task RunAsync_ErrorEventInTheStream_WarnsWithTheServerMessage()
    {
        const string message = "you requested PartialObjectMetadataList, but the requested object is not a list";
        var source = new ScriptedWatchSource<V1Pod>(Resource)
            .SendError(new V1Status { Code = 406, Reason = "NotAcceptable", Message = message })
            .Deliver(Pod("a-1"), thenEnd: false);
        var informer = Start(source);

        await clock.WaitingAsync();
        Lines(3020).Should().ContainSingle().Which.Should().Contain("Warn").And.Contain($"HTTP 406: {message}");
        metrics.Failures(Resource, WatchFailureReasons.ErrorEvent).Should().Be(1);
        informer.Status.Should().Be(new CacheStatus(Resource, CacheState.Failing, Synced: true, 1, clock.GetUtcNow(), $"HTTP 406: {message}"));

        clock.Advance(Retry);
        await source.Quiet.WaitAsync(TimeSpan.FromSeconds(10));
        informer.Status.State.Should().Be(CacheState.Watching);
        Lines(3025).Should().ContainSingle();
    }

    [Fact]
    public async Task RunAsync_WatchRefusedWithHttpError_WarnsOnceWithTheStatusMessage()
    {
        var refused = new KubernetesApiException(
            HttpStatusCode.NotAcceptable, new V1Status { Code = 406, Message = "only application/json is served here" }, "406");
        var source = new ScriptedWatchSource<V1Pod>(Resource).Fail(refused, times: 3);
        Start(source);

        for (var i = 0; i < 3; i++)
        {
            await clock.AdvanceWhenWaitingAsync(Retry);
        }

        await source.Quiet.WaitAsync(TimeSpan.FromSeconds(10));
        Lines(3020).Should().ContainSingle().Which.Should().Contain("HTTP 406: only application/json is served here");
        Lines(3024).Should().HaveCount(2);
        metrics.Failures(Resource, WatchFailureReasons.HttpError).Should().Be(3);
        metrics.Restarts(Resource, WatchRestartReasons.Error).Should().Be(3, "the existing restart counter still counts every retry");
    }

    [Fact]
    public async Task RunAsync_QuietWatchOpenAfterFailures_WorksOnceItHasStayedOpen()
    {
        var refused = new KubernetesApiException(
            HttpStatusCode.Forbidden, new V1Status { Code = 403, Message = "pods is forbidden: cannot watch resource \"pods\"" }, "403");
        var source = new ScriptedWatchSource<V1Pod>(Resource).Fail(refused);
        var openFor = TimeSpan.FromSeconds(5);
        var informer = Start(source, Settings(openFor));

        await clock.WaitingAsync(); // the refused watch's open-watch timer
        await clock.WaitingAsync(); // its backoff
        clock.Advance(Retry);
        await source.Quiet.WaitAsync(TimeSpan.FromSeconds(10)); // allowed now (RBAC fixed), and the cluster is quiet
        informer.Status.State.Should().Be(CacheState.Failing, "nothing has proved the new watch yet");

        clock.Advance(openFor);

        informer.Status.State.Should().Be(CacheState.Watching, "a watch the server has kept open works, even with no event to show");
        Lines(3025).Should().ContainSingle().Which.Should().Contain("healthy again after 1 failures");
        Gauges().Should().Be((1, 1));
    }

    [Fact]
    public async Task RunAsync_WatchExpired_ListsAgainWithoutCallingItAFailure()
    {
        var source = new ScriptedWatchSource<V1Pod>(Resource).SendError(new V1Status { Code = 410, Reason = "Expired", Message = "too old resource version" });
        var informer = Start(source);

        await clock.AdvanceWhenWaitingAsync(Retry);
        await source.Quiet.WaitAsync(TimeSpan.FromSeconds(10));

        source.Lists.Should().Be(2);
        Lines(3020).Should().BeEmpty("410 Gone is how a watch asks for a new list");
        Lines(3021).Should().ContainSingle();
        metrics.FailureSeries.Should().BeEmpty();
        informer.Status.State.Should().Be(CacheState.Watching);
    }

    [Fact]
    public async Task Status_ListingThenFailingThenWatching_StatusAndGaugesFollow()
    {
        var source = new ScriptedWatchSource<V1Pod>(Resource).EndAtOnce(2).Deliver(Pod("a-1"), thenEnd: false);
        var lists = source.HoldLists();
        var informer = Start(source);

        await source.ListStarted.WaitAsync(TimeSpan.FromSeconds(10));
        informer.Status.Should().Be(new CacheStatus(Resource, CacheState.Listing, Synced: false, 0, null, null));
        Gauges().Should().Be((0, 0));

        lists.SetResult();
        await clock.WaitingAsync();
        var since = clock.GetUtcNow();
        informer.Status.Should().BeEquivalentTo(new { State = CacheState.Failing, Synced = true, Failures = 1, FailingSince = since });
        informer.Status.LastError.Should().Contain("without any event");
        Gauges().Should().Be((1, 0), "listed, but blind");

        clock.Advance(Retry);
        await clock.WaitingAsync();
        informer.Status.Failures.Should().Be(2);
        informer.Status.FailingSince.Should().Be(since, "the run started with its first failure");
        clock.Advance(Retry);
        await source.Quiet.WaitAsync(TimeSpan.FromSeconds(10));

        informer.Status.Should().Be(new CacheStatus(Resource, CacheState.Watching, Synced: true, 0, null, null));
        Gauges().Should().Be((1, 1));
    }

    [Fact]
    public async Task RunAsync_Stopped_RemovesTheGaugeSeries()
    {
        var source = new ScriptedWatchSource<V1Pod>(Resource).Deliver(Pod("a-1"), thenEnd: false);
        var informer = Start(source);
        await source.Quiet.WaitAsync(TimeSpan.FromSeconds(10));
        Gauges().Should().Be((1, 1));
        informer.Status.IsHealthy.Should().BeTrue();

        await stop.CancelAsync();
        await run!.WaitAsync(TimeSpan.FromSeconds(10));

        metrics.StateSeries.Should().BeEmpty("a replica that no longer leads has no caches, not blind ones");
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (run is not null)
        {
            await run.WaitAsync(TimeSpan.FromSeconds(10));
        }

        stop.Dispose();
        loggers.Dispose();
    }

    private Informer<V1Pod> Start(ScriptedWatchSource<V1Pod> source, InformerSettings? settings = null)
    {
        var informer = new Informer<V1Pod>(
            source, settings ?? Settings(), metrics, loggers.CreateLogger<Informer<V1Pod>>());
        run = Task.Run(() => informer.RunAsync(stop.Token));
        return informer;
    }

    /// <summary>Without the open-watch timer, every timer on the clock is a backoff delay, which the streak tests
    /// step through one by one.</summary>
    private InformerSettings Settings(TimeSpan? openWatchWorksAfter = null) =>
        new(new Backoff(Retry, Retry, jitter: 0), clock) { OpenWatchWorksAfter = openWatchWorksAfter ?? Timeout.InfiniteTimeSpan };

    private List<string> Lines(int eventId) => logs.Lines.Where(l => l.Contains($"[{eventId}]", StringComparison.Ordinal)).ToList();

    private (double Synced, double Healthy) Gauges() => metrics.State(Resource);

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop", ResourceVersion = "200" },
    };
}
