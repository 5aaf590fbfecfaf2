using DaprShared.Kubernetes.Api;
using DaprShared.Kubernetes.Runtime;
using Microsoft.Extensions.Logging;

namespace DaprShared.Kubernetes.Leadership;

/// <summary>Runs the leader's work only while this replica holds the Lease. Losing the lease (a renewal missed
/// its deadline, the API server went away) cancels the work at once; then the loop competes again, with
/// backoff, forever. On shutdown the leader hands the lease back so that another replica takes over at once
/// instead of after the lease duration.</summary>
public sealed class LeaderElectionLoop
{
    private readonly KubernetesApiClient client;
    private readonly LeaseSettings options;
    private readonly string leaseNamespace;
    private readonly string identity;
    private readonly ILeaderElectionMetrics metrics;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private volatile bool leading;

    public LeaderElectionLoop(KubernetesApiClient client, LeaseSettings options, string leaseNamespace, string identity, ILeaderElectionMetrics metrics, TimeProvider time, ILogger logger)
    {
        this.client = client;
        this.options = options;
        this.leaseNamespace = leaseNamespace;
        this.identity = identity;
        this.metrics = metrics;
        this.time = time;
        this.logger = logger;
    }

    public bool IsLeader => leading;

    public async Task RunAsync(Func<CancellationToken, Task> leaderWork, CancellationToken stopping)
    {
        KubernetesLog.LeaderElectionStarting(logger, leaseNamespace, options.LeaseName, identity);
        var backoff = new Backoff(options.RetryPeriod, TimeSpan.FromTicks(Math.Max(options.RetryPeriod.Ticks, options.LeaseDuration.Ticks)));
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            var wasLeader = false;
            CancellationTokenSource? term = null;
            Task? work = null;
            var elector = new LeaseElector(client, leaseNamespace, options, identity, time);
            elector.OnStartedLeading += () =>
            {
                wasLeader = true;
                leading = true;
                metrics.Leading(true);
                KubernetesLog.BecameLeader(logger, identity);
                term = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var token = term.Token;
                work = Task.Run(() => leaderWork(token), CancellationToken.None);
            };
            elector.OnStoppedLeading += () =>
            {
                // At once: a replica that may no longer be the leader must not write another byte.
                term?.Cancel();
                if (leading)
                {
                    leading = false;
                    metrics.Leading(false);
                    KubernetesLog.StoppedLeading(logger, identity);
                }
            };
            elector.OnNewLeader += leader => KubernetesLog.NewLeader(logger, leader ?? "(none)");

            try
            {
                await elector.RunUntilLeadershipLostAsync(stopping).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                var delay = backoff.Delay(failures++);
                KubernetesLog.LeaderElectionFailed(logger, ApiErrors.Describe(e), delay);
                await DelayAsync(delay, stopping).ConfigureAwait(false);
            }
            finally
            {
                term?.Cancel();
                if (work is not null)
                {
                    await work.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
                }

                term?.Dispose();
            }

            if (stopping.IsCancellationRequested && wasLeader)
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
            else if (!stopping.IsCancellationRequested)
            {
                await DelayAsync(options.RetryPeriod, stopping).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Clears the holder (client-go's ReleaseOnCancel), so another candidate takes the lease at its next
    /// try instead of after the lease duration.</summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            var lease = await client.GetAsync(ApiResources.Leases, leaseNamespace, options.LeaseName, timeout.Token).ConfigureAwait(false);
            if (lease.Spec?.HolderIdentity != identity)
            {
                return;
            }

            lease.Spec.HolderIdentity = "";
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.RenewTime = LeaseElector.MicroTime(time.GetUtcNow());
            await client.ReplaceAsync(ApiResources.Leases, lease, leaseNamespace, options.LeaseName, timeout.Token).ConfigureAwait(false);
            KubernetesLog.LeaseReleased(logger, leaseNamespace, options.LeaseName);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Best effort: the lease then simply expires.
            KubernetesLog.LeaderElectionFailed(logger, "releasing the lease: " + ApiErrors.Describe(e), TimeSpan.Zero);
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, time, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
