using DaprShared.Kubernetes.Leadership;

namespace DaprShared.Controller.Options;

/// <summary>Leader election with a <c>coordination.k8s.io/v1</c> Lease (configuration section
/// <c>Controller:LeaderElection</c>): only the holder reconciles.</summary>
public sealed class LeaderElectionOptions
{
    public const string SectionName = "Controller:LeaderElection";

    public bool Enabled { get; set; } = true;

    public string LeaseName { get; set; } = "dapr-shared-controller";

    /// <summary>Namespace of the Lease; empty = the process's own namespace (<c>POD_NAMESPACE</c>, else the mounted
    /// ServiceAccount's), else <c>dapr-shared-system</c>.</summary>
    public string LeaseNamespace { get; set; } = "";

    /// <summary>This replica's identity in the Lease; empty = the pod name plus a random suffix
    /// (<see cref="DaprShared.Kubernetes.Cluster.ProcessIdentity.Identity"/>).</summary>
    public string Identity { get; set; } = "";

    /// <summary>How long a Lease stays valid without renewal: the longest a crashed leader blocks the others.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The leader gives up (and stops all work) when it cannot renew within this.</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates try to acquire and the leader renews.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The Lease and its timing, as the kit's elector takes them.</summary>
    public LeaseSettings Lease() => new()
    {
        LeaseName = LeaseName,
        LeaseDuration = LeaseDuration,
        RenewDeadline = RenewDeadline,
        RetryPeriod = RetryPeriod,
    };
}
