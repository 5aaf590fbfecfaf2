using System.Net;
using DaprShared.FakeKubeApi;
using DaprShared.Kubernetes.Api;
using DaprShared.Kubernetes.Leadership;
using DaprShared.Kubernetes.Tests.Runtime;
using DaprShared.Kubernetes.Tests.Support;
using k8s.Models;

namespace DaprShared.Kubernetes.Tests.Leadership;

/// <summary>One <see cref="LeaseElector"/> against the fake API server with leases of about a second, while the
/// test plays the other replica by writing the Lease directly. The elector's clock is a <see cref="WaitingClock"/>:
/// the test moves time on whenever the elector waits, so lease durations and renew deadlines are exact and no test
/// sleeps. Each request still has a real-time limit (what is left of the renew deadline), so the tests share the
/// timed collection: a starved thread pool would make requests time out and shift the timings.</summary>
[Collection(TimedCollection.Name)]
public sealed class LeaseElectorTests : IAsyncLifetime
{
    private const string Ns = "dapr-shared-system";
    private const string LeaseName = "dapr-shared-controller";
    private const string Me = "replica-me";

    private static readonly LeaseSettings Options = new()
    {
        LeaseName = LeaseName,
        LeaseDuration = TimeSpan.FromSeconds(1),
        RenewDeadline = TimeSpan.FromMilliseconds(400),
        RetryPeriod = TimeSpan.FromMilliseconds(100),
    };

    // For tests that only watch a healthy term: the renew deadline is also each request's real-time limit, and a cold
    // first request on a busy machine can take longer than 400 ms (JIT, thread injection).
    private static readonly LeaseSettings PatientOptions = new()
    {
        LeaseName = LeaseName,
        LeaseDuration = TimeSpan.FromSeconds(5),
        RenewDeadline = TimeSpan.FromSeconds(3),
        RetryPeriod = TimeSpan.FromMilliseconds(100),
    };

    // The renew deadline long enough that a cold first renewal cannot time out before the faults begin.
    private static readonly LeaseSettings DeadlineOptions = new()
    {
        LeaseName = LeaseName,
        LeaseDuration = TimeSpan.FromSeconds(3),
        RenewDeadline = TimeSpan.FromMilliseconds(1500),
        RetryPeriod = TimeSpan.FromMilliseconds(100),
    };

    // A candidate retries after the retry period plus up to 20 % jitter: one step of this ends any such wait.
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMilliseconds(120);

    private readonly WaitingClock clock = new();
    private FakeKubeApiServer server = null!;
    private KubernetesApiClient client = null!;

    public async Task InitializeAsync()
    {
        server = await FakeKubeApiServer.StartAsync();
        client = new KubernetesApiClient(server.ClientConfiguration());
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Run_NoLease_CreatesItAndLeadsAtOnce()
    {
        await using var candidate = Candidate.Start(client, clock, PatientOptions);

        await candidate.StepUntilAsync(() => candidate.Started.IsCompleted, LongestRetry);

        candidate.Started.IsCompleted.Should().BeTrue();
        candidate.StartedAfter.Should().BeLessThan(TimeSpan.FromMilliseconds(2500), "at once, not after a lease duration (5 s)");
        var lease = Lease();
        lease.Spec.HolderIdentity.Should().Be(Me);
        lease.Spec.LeaseTransitions.Should().Be(0);
        lease.Spec.LeaseDurationSeconds.Should().Be(5);
        lease.Spec.AcquireTime.Should().NotBeNull();
    }

    [Fact]
    public async Task Run_LeaseHeldAndRenewedByAnother_NotTaken()
    {
        PutLease("replica-other", clock.GetUtcNow().UtcDateTime, transitions: 2);
        await using var candidate = Candidate.Start(client, clock);

        // 1.5 s, more than the lease's one second; the other replica renews every 240 ms.
        for (var step = 1; step <= 13; step++)
        {
            if (step % 2 == 0)
            {
                server.Store.Update<V1Lease>(Ns, LeaseName, l => l.Spec.RenewTime = clock.GetUtcNow().UtcDateTime);
            }

            await candidate.StepAsync(LongestRetry);
        }

        candidate.Started.IsCompleted.Should().BeFalse("the holder renews within its lease duration");
        Lease().Spec.HolderIdentity.Should().Be("replica-other");
        Lease().Spec.LeaseTransitions.Should().Be(2);
    }

    [Theory]
    [InlineData(-36500)]
    [InlineData(36500)]
    public async Task Run_HolderStoppedRenewing_TakenAfterTheLeaseDurationAsObservedLocally(int renewTimeOffsetDays)
    {
        // The holder's renewTime says nothing about when it last renewed (its clock may be years off): a renewTime in
        // the far past must not let us take the lease early, one in the far future must not block us.
        PutLease("replica-other", clock.GetUtcNow().UtcDateTime.AddDays(renewTimeOffsetDays), transitions: 4);
        await using var candidate = Candidate.Start(client, clock);

        await candidate.StepUntilAsync(() => candidate.Started.IsCompleted, LongestRetry);

        candidate.Started.IsCompleted.Should().BeTrue();
        candidate.StartedAfter.Should().BeGreaterThanOrEqualTo(Options.LeaseDuration, "the lease lasts one second from when we first saw it");
        candidate.StartedAfter.Should().BeLessThan(TimeSpan.FromMilliseconds(2500), "and not much later");
        var lease = Lease();
        lease.Spec.HolderIdentity.Should().Be(Me);
        lease.Spec.LeaseTransitions.Should().Be(5);
    }

    [Fact]
    public async Task Run_EmptyHolder_TakenAtOnce()
    {
        PutLease("", clock.GetUtcNow().UtcDateTime, transitions: 3);
        await using var candidate = Candidate.Start(client, clock);

        await candidate.StepUntilAsync(() => candidate.Started.IsCompleted, LongestRetry);

        candidate.Started.IsCompleted.Should().BeTrue();
        candidate.StartedAfter.Should().BeLessThan(TimeSpan.FromMilliseconds(500), "a released lease is free");
        Lease().Spec.HolderIdentity.Should().Be(Me);
    }

    [Fact]
    public async Task Run_Renewals_AdvanceRenewTimeButNotTransitionsOrAcquireTime()
    {
        PutLease("", clock.GetUtcNow().UtcDateTime, transitions: 3);
        await using var candidate = Candidate.Start(client, clock, PatientOptions);
        await candidate.StepUntilAsync(() => candidate.Started.IsCompleted, LongestRetry);
        var acquired = Lease();

        // Several renewals, one every retry period.
        await candidate.StepUntilAsync(() => Lease().Spec.RenewTime > acquired.Spec.RenewTime!.Value.AddMilliseconds(250), PatientOptions.RetryPeriod);

        var renewed = Lease();
        renewed.Spec.RenewTime.Should().BeAfter(acquired.Spec.RenewTime!.Value.AddMilliseconds(250));
        acquired.Spec.LeaseTransitions.Should().Be(4, "taking the lease over is a transition");
        renewed.Spec.LeaseTransitions.Should().Be(4, "renewing it is not");
        renewed.Spec.AcquireTime.Should().Be(acquired.Spec.AcquireTime);
        renewed.Spec.HolderIdentity.Should().Be(Me);
        candidate.Stopped.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task Run_OneFailedRenewal_KeepsLeading()
    {
        await using var candidate = Candidate.Start(client, clock, PatientOptions);
        await candidate.StepUntilAsync(() => candidate.Started.IsCompleted, LongestRetry);
        var before = Lease().Spec.RenewTime!.Value;

        var fault = server.Faults.FailNext(1, HttpStatusCode.InternalServerError, r => r.Resource == "leases" && r.Verb == Verbs.Update);
        await candidate.StepUntilAsync(() => fault.Hits == 1, PatientOptions.RetryPeriod);
        for (var step = 0; step < 3; step++)
        {
            await candidate.StepAsync(PatientOptions.RetryPeriod);
        }

        fault.Hits.Should().Be(1);
        candidate.Stopped.IsCompleted.Should().BeFalse("one failed renewal inside the renew deadline does not end the term");
        Lease().Spec.RenewTime.Should().BeAfter(before);
        Lease().Spec.HolderIdentity.Should().Be(Me);
    }

    [Fact]
    public async Task Run_RenewalsFailForTheRenewDeadline_StopsLeadingAndReturns()
    {
        await using var candidate = Candidate.Start(client, clock, DeadlineOptions);
        await candidate.StepUntilAsync(() => candidate.Started.IsCompleted, LongestRetry);
        var acquired = Lease().Spec.RenewTime!.Value;
        await candidate.StepUntilAsync(() => Lease().Spec.RenewTime > acquired, DeadlineOptions.RetryPeriod); // the term is healthy
        var lastRenewal = clock.GetUtcNow();

        server.Faults.FailAll(HttpStatusCode.ServiceUnavailable, r => r.Resource == "leases");
        await candidate.StepUntilAsync(() => candidate.Stopped.IsCompleted, DeadlineOptions.RetryPeriod);

        candidate.Stopped.IsCompleted.Should().BeTrue();
        var term = candidate.StoppedAt - lastRenewal;
        term.Should().BeGreaterThanOrEqualTo(DeadlineOptions.RenewDeadline, "the term lasts the renew deadline (1.5 s) from the last renewal");
        term.Should().BeLessThanOrEqualTo(DeadlineOptions.RenewDeadline + DeadlineOptions.RetryPeriod, "the term ends at the first retry after the deadline");
        await candidate.Run.WaitAsync(TimeSpan.FromSeconds(1));
        candidate.Run.IsCompletedSuccessfully.Should().BeTrue("a lost term ends the run normally");
    }

    private V1Lease Lease() => server.Store.Get<V1Lease>(Ns, LeaseName)!;

    private void PutLease(string holder, DateTime renewTime, int transitions) => server.Store.Put(new V1Lease
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = V1Lease.KubeKind,
        Metadata = new V1ObjectMeta { Name = LeaseName, NamespaceProperty = Ns },
        Spec = new V1LeaseSpec
        {
            HolderIdentity = holder,
            LeaseDurationSeconds = 1,
            AcquireTime = renewTime,
            RenewTime = renewTime,
            LeaseTransitions = transitions,
        },
    });

    /// <summary>One running elector, when (on its clock) its events fired, and the test's hand on that clock.</summary>
    private sealed class Candidate : IAsyncDisposable
    {
        private const int MaxSteps = 200;

        private readonly CancellationTokenSource stop = new();
        private readonly WaitingClock clock;
        private readonly DateTimeOffset startedAt;
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool waiting;

        private Candidate(KubernetesApiClient client, WaitingClock clock, LeaseSettings options)
        {
            this.clock = clock;
            startedAt = clock.GetUtcNow();
            var elector = new LeaseElector(client, Ns, options, Me, clock);
            elector.OnStartedLeading += () =>
            {
                StartedAfter = clock.GetUtcNow() - startedAt;
                started.TrySetResult();
            };
            elector.OnStoppedLeading += () =>
            {
                StoppedAt = clock.GetUtcNow();
                stopped.TrySetResult();
            };
            Run = Task.Run(() => elector.RunUntilLeadershipLostAsync(stop.Token));
        }

        public Task Run { get; }

        public Task Started => started.Task;

        public Task Stopped => stopped.Task;

        public TimeSpan StartedAfter { get; private set; }

        public DateTimeOffset StoppedAt { get; private set; }

        public static Candidate Start(KubernetesApiClient client, WaitingClock clock, LeaseSettings? options = null) => new(client, clock, options ?? Options);

        /// <summary>Once the elector waits on the clock, moves time on by <paramref name="step"/> and waits until it
        /// waits again (or its run ends).</summary>
        public async Task StepAsync(TimeSpan step)
        {
            if (await SettledAsync())
            {
                clock.Advance(step);
                waiting = false;
                await SettledAsync();
            }
        }

        /// <summary>Steps time on by <paramref name="step"/> each time the elector waits, until
        /// <paramref name="done"/> holds while it waits, or its run ends.</summary>
        public async Task StepUntilAsync(Func<bool> done, TimeSpan step)
        {
            for (var steps = 0; await SettledAsync() && !done(); steps++)
            {
                steps.Should().BeLessThan(MaxSteps, "the elector should have got there by now");
                clock.Advance(step);
                waiting = false;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            try
            {
                await Run;
            }
            catch (OperationCanceledException)
            {
            }

            stop.Dispose();
        }

        // True while the elector waits on the clock (each of its waits is counted once), false when its run ended.
        private async Task<bool> SettledAsync()
        {
            if (!waiting)
            {
                waiting = await clock.WaitingOrEndedAsync(Run);
            }

            return waiting;
        }
    }
}
