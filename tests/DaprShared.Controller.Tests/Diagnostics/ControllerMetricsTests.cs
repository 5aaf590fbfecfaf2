using DaprShared.Controller.Diagnostics;
using DaprShared.Kubernetes.Leadership;
using DaprShared.Kubernetes.Runtime;
using Prometheus;

namespace DaprShared.Controller.Tests.Diagnostics;

/// <summary>What the kit's informers and leader election report lands on the controller's own series.</summary>
public sealed class ControllerMetricsTests
{
    private readonly ControllerMetrics metrics = new(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));

    [Fact]
    public void InformerMetrics_RestartsAndFailures_CountedByResourceAndReason()
    {
        IInformerMetrics informer = metrics;

        informer.WatchRestarted("pods", WatchRestartReasons.Error);
        informer.WatchRestarted("pods", WatchRestartReasons.Error);
        informer.WatchFailed("pods", WatchFailureReasons.HttpError);

        metrics.WatchRestarts.WithLabels("pods", "error").Value.Should().Be(2);
        metrics.WatchFailures.WithLabels("pods", "http_error").Value.Should().Be(1);
    }

    [Fact]
    public void InformerMetrics_CacheStateThenStopped_GaugesFollowThenNoSeries()
    {
        IInformerMetrics informer = metrics;

        informer.CacheState("pods", synced: true, healthy: false);
        (metrics.CacheSynced.WithLabels("pods").Value, metrics.WatchHealthy.WithLabels("pods").Value).Should().Be((1, 0));
        informer.CacheStopped("pods");

        metrics.CacheSynced.GetAllLabelValues().Should().BeEmpty("a replica that no longer leads has no caches, not blind ones");
        metrics.WatchHealthy.GetAllLabelValues().Should().BeEmpty();
    }

    [Fact]
    public void LeaderElectionMetrics_LeadingThenNot_LeaderGaugeFollows()
    {
        ILeaderElectionMetrics election = metrics;

        election.Leading(true);
        metrics.IsLeader.Value.Should().Be(1);
        election.Leading(false);
        metrics.IsLeader.Value.Should().Be(0);
    }
}
