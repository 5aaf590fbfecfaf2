using System.Diagnostics;
using System.Net;
using DaprShared.Controller.Api;
using DaprShared.Controller.Leadership;
using DaprShared.Controller.Options;
using DaprShared.Controller.Tests.Support;
using DaprShared.FakeKubeApi;
using k8s.Models;

namespace DaprShared.Controller.Tests.Leadership;

/// <summary>One <see cref="LeaseElector"/> against the fake API server with leases of about a second, while the
/// test plays the other replica by writing the Lease directly. Timed tests share the controllers collection so a
/// busy machine does not starve their renewals.</summary>
[Collection(ControllerCollection.Name)]
public sealed class LeaseElectorTests : IAsyncLifetime
{
    private const string Ns = "dapr-shared-system";
    private const string LeaseName = "dapr-shared-controller";
    private const string Me = "replica-me";

    private static readonly LeaderElectionOptions Options = new()
    {
        LeaseName = LeaseName,
        LeaseDuration = TimeSpan.FromSeconds(1),
        RenewDeadline = TimeSpan.FromMilliseconds(400),
        RetryPeriod = TimeSpan.FromMilliseconds(100),
    };

    // For tests that only watch a healthy term: a cold process on a busy machine can take longer than 400 ms for its
    // first renewal (JIT, thread injection), which would end the term, correctly, before the test sees a renewal.
    private static readonly LeaderElectionOptions PatientOptions = new()
    {
        LeaseName = LeaseName,
        LeaseDuration = TimeSpan.FromSeconds(5),
        RenewDeadline = TimeSpan.FromSeconds(3),
        RetryPeriod = TimeSpan.FromMilliseconds(100),
    };

    // The renew deadline long enough that a cold first renewal cannot end the term before the faults begin.
    private static readonly LeaderElectionOptions DeadlineOptions = new()
    {
        LeaseName = LeaseName,
        LeaseDuration = TimeSpan.FromSeconds(3),
        RenewDeadline = TimeSpan.FromMilliseconds(1500),
        RetryPeriod = TimeSpan.FromMilliseconds(100),
    };

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
        await using var candidate = Candidate.Start(client, PatientOptions);

        await candidate.Started.WaitAsync(TimeSpan.FromSeconds(4));

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
        PutLease("replica-other", DateTime.UtcNow, transitions: 2);
        using var renewing = new CancellationTokenSource();
        var renewer = RenewAsOtherAsync(renewing.Token);
        await using var candidate = Candidate.Start(client);

        await Task.Delay(1500);

        candidate.Started.IsCompleted.Should().BeFalse("the holder renews within its lease duration");
        Lease().Spec.HolderIdentity.Should().Be("replica-other");
        Lease().Spec.LeaseTransitions.Should().Be(2);
        await renewing.CancelAsync();
        await renewer;
    }

    [Theory]
    [InlineData(-36500)]
    [InlineData(36500)]
    public async Task Run_HolderStoppedRenewing_TakenAfterTheLeaseDurationAsObservedLocally(int renewTimeOffsetDays)
    {
        // The holder's renewTime says nothing about when it last renewed (its clock may be years off): a renewTime in
        // the far past must not let us take the lease early, one in the far future must not block us.
        PutLease("replica-other", DateTime.UtcNow.AddDays(renewTimeOffsetDays), transitions: 4);
        await using var candidate = Candidate.Start(client);

        await candidate.Started.WaitAsync(TimeSpan.FromSeconds(3));

        candidate.StartedAfter.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950), "the lease lasts one second from when we first saw it");
        candidate.StartedAfter.Should().BeLessThan(TimeSpan.FromMilliseconds(2500), "and not much later");
        var lease = Lease();
        lease.Spec.HolderIdentity.Should().Be(Me);
        lease.Spec.LeaseTransitions.Should().Be(5);
    }

    [Fact]
    public async Task Run_EmptyHolder_TakenAtOnce()
    {
        PutLease("", DateTime.UtcNow, transitions: 3);
        await using var candidate = Candidate.Start(client);

        await candidate.Started.WaitAsync(TimeSpan.FromSeconds(2));

        candidate.StartedAfter.Should().BeLessThan(TimeSpan.FromMilliseconds(500), "a released lease is free");
        Lease().Spec.HolderIdentity.Should().Be(Me);
    }

    [Fact]
    public async Task Run_Renewals_AdvanceRenewTimeButNotTransitionsOrAcquireTime()
    {
        PutLease("", DateTime.UtcNow, transitions: 3);
        await using var candidate = Candidate.Start(client, PatientOptions);
        await candidate.Started.WaitAsync(TimeSpan.FromSeconds(2));
        var acquired = Lease();

        // Several renewals (every 100 ms); waited for rather than slept for, so a busy machine only makes it slower.
        await WaitUntilAsync(() => Lease().Spec.RenewTime > acquired.Spec.RenewTime!.Value.AddMilliseconds(250), TimeSpan.FromSeconds(3));

        var renewed = Lease();
        acquired.Spec.LeaseTransitions.Should().Be(4, "taking the lease over is a transition");
        renewed.Spec.LeaseTransitions.Should().Be(4, "renewing it is not");
        renewed.Spec.AcquireTime.Should().Be(acquired.Spec.AcquireTime);
        renewed.Spec.HolderIdentity.Should().Be(Me);
        candidate.Stopped.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task Run_OneFailedRenewal_KeepsLeading()
    {
        await using var candidate = Candidate.Start(client, PatientOptions);
        await candidate.Started.WaitAsync(TimeSpan.FromSeconds(2));
        var before = Lease().Spec.RenewTime!.Value;

        var fault = server.Faults.FailNext(1, HttpStatusCode.InternalServerError, r => r.Resource == "leases" && r.Verb == Verbs.Update);
        await WaitUntilAsync(() => fault.Hits == 1, TimeSpan.FromSeconds(2));
        await Task.Delay(300);

        candidate.Stopped.IsCompleted.Should().BeFalse("one failed renewal inside the renew deadline does not end the term");
        Lease().Spec.RenewTime.Should().BeAfter(before);
        Lease().Spec.HolderIdentity.Should().Be(Me);
    }

    [Fact]
    public async Task Run_RenewalsFailForTheRenewDeadline_StopsLeadingAndReturns()
    {
        await using var candidate = Candidate.Start(client, DeadlineOptions);
        await candidate.Started.WaitAsync(TimeSpan.FromSeconds(4));
        var acquired = Lease().Spec.RenewTime!.Value;
        await WaitUntilAsync(() => Lease().Spec.RenewTime > acquired, TimeSpan.FromSeconds(3)); // the term is healthy
        var clock = Stopwatch.StartNew();

        server.Faults.FailAll(HttpStatusCode.ServiceUnavailable, r => r.Resource == "leases");
        await candidate.Stopped.WaitAsync(TimeSpan.FromSeconds(5));

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1300), "the term lasts the renew deadline (1.5 s) from the last renewal, at most one retry period before the failures");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(3500), "and ends no later than the deadline plus a retry period, with slack for a busy machine");
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

    private async Task RenewAsOtherAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            server.Store.Update<V1Lease>(Ns, LeaseName, l => l.Spec.RenewTime = DateTime.UtcNow);
            try
            {
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            clock.Elapsed.Should().BeLessThan(timeout, "the condition should have held by now");
            await Task.Delay(20);
        }
    }

    /// <summary>One running elector and when its events fired.</summary>
    private sealed class Candidate : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private Candidate(KubernetesApiClient client, LeaderElectionOptions options)
        {
            var elector = new LeaseElector(client, Ns, options, Me, TimeProvider.System);
            elector.OnStartedLeading += () =>
            {
                StartedAfter = clock.Elapsed;
                started.TrySetResult();
            };
            elector.OnStoppedLeading += () => stopped.TrySetResult();
            Run = Task.Run(() => elector.RunUntilLeadershipLostAsync(stop.Token));
        }

        public Task Run { get; }

        public Task Started => started.Task;

        public Task Stopped => stopped.Task;

        public TimeSpan StartedAfter { get; private set; }

        public static Candidate Start(KubernetesApiClient client, LeaderElectionOptions? options = null) => new(client, options ?? Options);

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
    }
}
