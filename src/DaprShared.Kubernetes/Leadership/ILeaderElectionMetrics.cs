namespace DaprShared.Kubernetes.Leadership;

/// <summary>What <see cref="LeaderElectionLoop"/> shows, for the host to publish under its own metric name.</summary>
public interface ILeaderElectionMetrics
{
    /// <summary>This replica started (<paramref name="leading"/>) or stopped leading.</summary>
    void Leading(bool leading);
}
