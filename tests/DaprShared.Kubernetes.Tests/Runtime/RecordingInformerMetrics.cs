using System.Collections.Concurrent;
using DaprShared.Kubernetes.Runtime;

namespace DaprShared.Kubernetes.Tests.Runtime;

/// <summary>What an informer reported, by resource and reason, the way a host's counters and gauges would hold it.</summary>
internal sealed class RecordingInformerMetrics : IInformerMetrics
{
    private readonly ConcurrentDictionary<(string Resource, string Reason), int> restarts = new();
    private readonly ConcurrentDictionary<(string Resource, string Reason), int> failures = new();
    private readonly ConcurrentDictionary<string, (bool Synced, bool Healthy)> states = new();

    /// <summary>Every (resource, reason) that has failed at least once.</summary>
    public IReadOnlyCollection<(string Resource, string Reason)> FailureSeries => [.. failures.Keys];

    /// <summary>The resources whose state is shown; a stopped informer shows none.</summary>
    public IReadOnlyCollection<string> StateSeries => [.. states.Keys];

    public int Restarts(string resource, string reason) => restarts.GetValueOrDefault((resource, reason));

    public int Failures(string resource, string reason) => failures.GetValueOrDefault((resource, reason));

    /// <summary>The gauges' values: 1 synced or healthy, 0 not, and (0, 0) when never shown.</summary>
    public (double Synced, double Healthy) State(string resource) =>
        states.TryGetValue(resource, out var state) ? (state.Synced ? 1 : 0, state.Healthy ? 1 : 0) : (0, 0);

    public void WatchRestarted(string resource, string reason) => restarts.AddOrUpdate((resource, reason), 1, (_, n) => n + 1);

    public void WatchFailed(string resource, string reason) => failures.AddOrUpdate((resource, reason), 1, (_, n) => n + 1);

    public void CacheState(string resource, bool synced, bool healthy) => states[resource] = (synced, healthy);

    public void CacheStopped(string resource) => states.TryRemove(resource, out _);
}
