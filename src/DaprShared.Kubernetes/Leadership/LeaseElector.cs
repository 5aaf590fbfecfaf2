using System.Net;
using DaprShared.Kubernetes.Api;
using k8s.Models;

namespace DaprShared.Kubernetes.Leadership;

/// <summary>One candidacy for a <c>coordination.k8s.io/v1</c> Lease, with client-go's rules: acquire when the lease
/// is free (no holder, or not renewed for its duration as observed on this replica's own clock, so clock skew
/// between replicas does not matter); while leading, renew every retry period and give up only when no renewal has
/// succeeded for the renew deadline (one failed request does not end a term). Writes use the read resourceVersion,
/// so two candidates never both win.</summary>
internal sealed class LeaseElector(KubernetesApiClient client, string leaseNamespace, LeaseSettings options, string identity, TimeProvider time)
{
    private (string? Holder, DateTime? RenewTime, int? Transitions)? observed;
    private DateTimeOffset observedAt;

    public event Action? OnStartedLeading;

    public event Action? OnStoppedLeading;

    public event Action<string?>? OnNewLeader;

    /// <summary>Competes until this replica leads, then renews until it cannot; returns when the term is over (or
    /// at once when <paramref name="cancellationToken"/> is cancelled).</summary>
    public async Task RunUntilLeadershipLostAsync(CancellationToken cancellationToken)
    {
        while (!await TryAcquireOrRenewAsync(options.RenewDeadline, cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(Jittered(options.RetryPeriod), time, cancellationToken).ConfigureAwait(false);
        }

        OnStartedLeading?.Invoke();
        try
        {
            var renewed = time.GetUtcNow();
            while (true)
            {
                await Task.Delay(options.RetryPeriod, time, cancellationToken).ConfigureAwait(false);
                var left = renewed + options.RenewDeadline - time.GetUtcNow();
                if (left > TimeSpan.Zero && await TryAcquireOrRenewAsync(left, cancellationToken).ConfigureAwait(false))
                {
                    renewed = time.GetUtcNow();
                }
                else if (time.GetUtcNow() - renewed >= options.RenewDeadline)
                {
                    return;
                }
            }
        }
        finally
        {
            OnStoppedLeading?.Invoke();
        }
    }

    /// <summary>One round: read the lease, and take or renew it when this replica may. False when another replica
    /// holds it, the write raced, or the API server could not be reached within <paramref name="timeout"/>.</summary>
    private async Task<bool> TryAcquireOrRenewAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await TryAcquireOrRenewAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException or TimeoutException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = await client.FindAsync(ApiResources.Leases, leaseNamespace, options.LeaseName, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return await CreateAsync(now, cancellationToken).ConfigureAwait(false);
        }

        lease.Spec ??= new V1LeaseSpec();
        var spec = lease.Spec;
        Observe(spec, now);
        var holder = spec.HolderIdentity;
        var duration = spec.LeaseDurationSeconds is > 0 ? TimeSpan.FromSeconds(spec.LeaseDurationSeconds.Value) : options.LeaseDuration;
        if (!string.IsNullOrEmpty(holder) && holder != identity && observedAt + duration > now)
        {
            return false;
        }

        if (holder != identity)
        {
            spec.AcquireTime = MicroTime(now);
            spec.LeaseTransitions = (spec.LeaseTransitions ?? 0) + 1;
        }

        spec.HolderIdentity = identity;
        spec.LeaseDurationSeconds = LeaseSeconds;
        spec.RenewTime = MicroTime(now);
        try
        {
            var written = await client.ReplaceAsync(ApiResources.Leases, lease, leaseNamespace, options.LeaseName, cancellationToken).ConfigureAwait(false);
            Observe(written.Spec, time.GetUtcNow());
            return true;
        }
        catch (KubernetesApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            return false; // another candidate wrote first
        }
    }

    private async Task<bool> CreateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lease = new V1Lease
        {
            ApiVersion = "coordination.k8s.io/v1",
            Kind = V1Lease.KubeKind,
            Metadata = new V1ObjectMeta { Name = options.LeaseName, NamespaceProperty = leaseNamespace },
            Spec = new V1LeaseSpec
            {
                HolderIdentity = identity,
                LeaseDurationSeconds = LeaseSeconds,
                AcquireTime = MicroTime(now),
                RenewTime = MicroTime(now),
                LeaseTransitions = 0,
            },
        };
        try
        {
            var created = await client.CreateAsync(ApiResources.Leases, lease, leaseNamespace, fieldManager: null, cancellationToken).ConfigureAwait(false);
            Observe(created.Spec, time.GetUtcNow());
            return true;
        }
        catch (KubernetesApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    private int LeaseSeconds => (int)Math.Ceiling(options.LeaseDuration.TotalSeconds);

    // The lease's age is measured from when this replica last saw it change, not from its renewTime: the holder's
    // clock may be off, ours only has to run at the right speed.
    private void Observe(V1LeaseSpec? spec, DateTimeOffset now)
    {
        var record = (spec?.HolderIdentity, spec?.RenewTime, spec?.LeaseTransitions);
        if (observed == record)
        {
            return;
        }

        var previousHolder = observed?.Holder;
        observed = record;
        observedAt = now;
        if (previousHolder != record.HolderIdentity)
        {
            OnNewLeader?.Invoke(record.HolderIdentity);
        }
    }

    // The API server parses Lease times as RFC 3339 with exactly six fractional digits, and the serializer omits
    // the fraction of a time that falls on a whole second: such a time is nudged by a microsecond.
    internal static DateTime MicroTime(DateTimeOffset now)
    {
        var time = now.UtcDateTime;
        return time.Ticks % TimeSpan.TicksPerSecond == 0 ? time.AddTicks(TimeSpan.TicksPerMicrosecond) : time;
    }

    private static TimeSpan Jittered(TimeSpan period) => period * (1 + (0.2 * Random.Shared.NextDouble()));
}
