using DaprShared.Kubernetes.Leadership;
using DaprShared.Kubernetes.Runtime;
using Prometheus;

namespace DaprShared.Controller.Diagnostics;

/// <summary>The controller's Prometheus metrics, including what the kit's informers and leader election report under
/// the controller's names. Tests pass a factory over their own registry so that counts from one test never leak into
/// another; the host uses the default registry that <c>/metrics</c> serves.</summary>
public sealed class ControllerMetrics : IInformerMetrics, ILeaderElectionMetrics
{
    public const string ResultSuccess = "success";
    public const string ResultError = "error";
    public const string ResultConflict = "conflict";
    public const string ResultInvalid = "invalid";

    public ControllerMetrics(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Reconciles = factory.CreateCounter(
            "dapr_shared_controller_reconciles_total",
            "Reconciles of a DaprSharedInstance key, by result (success, conflict, invalid, error).",
            new CounterConfiguration { LabelNames = ["result"] });
        ReconcileDuration = factory.CreateHistogram(
            "dapr_shared_controller_reconcile_duration_seconds",
            "Time spent reconciling one key.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
        Instances = factory.CreateGauge(
            "dapr_shared_controller_instances",
            "DaprSharedInstances the leader currently sees.");
        MissedPods = factory.CreateCounter(
            "dapr_shared_controller_missed_pods_total",
            "Opted-in pods the webhook did not inject (annotation dapr-shared.io/enabled=true, no dapr-shared.io/injected).");
        Writes = factory.CreateCounter(
            "dapr_shared_controller_api_writes_total",
            "Write requests the controller sent to the API server, by kind and verb.",
            new CounterConfiguration { LabelNames = ["kind", "verb"] });
        WatchRestarts = factory.CreateCounter(
            "dapr_shared_controller_watch_restarts_total",
            "Watches restarted, by resource and reason (expired = 410 Gone, error, closed).",
            new CounterConfiguration { LabelNames = ["resource", "reason"] });
        IsLeader = factory.CreateGauge(
            "dapr_shared_controller_leader",
            "1 while this replica holds the leader lease and reconciles.");
        WatchFailures = factory.CreateCounter(
            "dapr_shared_controller_watch_failures_total",
            "Failed lists and watches of a cache, by resource and reason (empty_watch = ended at once without any event, "
            + "error_event, http_error, connection, timeout, decode, other); 410 Gone is not a failure.",
            new CounterConfiguration { LabelNames = ["resource", "reason"] });
        CacheSynced = factory.CreateGauge(
            "dapr_shared_controller_cache_synced",
            "1 once the leader's cache of a resource has been listed, 0 before; no series on a replica that does not lead.",
            new GaugeConfiguration { LabelNames = ["resource"] });
        WatchHealthy = factory.CreateGauge(
            "dapr_shared_controller_watch_healthy",
            "1 while the leader's cache of a resource is listed and its watch works, 0 while listing or failing; no series on a replica that does not lead.",
            new GaugeConfiguration { LabelNames = ["resource"] });
    }

    public Counter Reconciles { get; }

    public Histogram ReconcileDuration { get; }

    public Gauge Instances { get; }

    public Counter MissedPods { get; }

    public Counter Writes { get; }

    public Counter WatchRestarts { get; }

    public Gauge IsLeader { get; }

    public Counter WatchFailures { get; }

    public Gauge CacheSynced { get; }

    public Gauge WatchHealthy { get; }

    void IInformerMetrics.WatchRestarted(string resource, string reason) => WatchRestarts.WithLabels(resource, reason).Inc();

    void IInformerMetrics.WatchFailed(string resource, string reason) => WatchFailures.WithLabels(resource, reason).Inc();

    void IInformerMetrics.CacheState(string resource, bool synced, bool healthy)
    {
        CacheSynced.WithLabels(resource).Set(synced ? 1 : 0);
        WatchHealthy.WithLabels(resource).Set(healthy ? 1 : 0);
    }

    void IInformerMetrics.CacheStopped(string resource)
    {
        CacheSynced.RemoveLabelled(resource);
        WatchHealthy.RemoveLabelled(resource);
    }

    void ILeaderElectionMetrics.Leading(bool leading) => IsLeader.Set(leading ? 1 : 0);
}
