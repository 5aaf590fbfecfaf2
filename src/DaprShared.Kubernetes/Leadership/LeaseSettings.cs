namespace DaprShared.Kubernetes.Leadership;

/// <summary>The Lease one group of replicas competes for, and client-go's timing rules for it.</summary>
public sealed record LeaseSettings
{
    /// <summary>The Lease's name (in the namespace given to the elector).</summary>
    public required string LeaseName { get; init; }

    /// <summary>How long a Lease stays valid without renewal: the longest a crashed leader blocks the others.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The leader gives up (and stops all work) when it cannot renew within this.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates try to acquire and the leader renews.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
