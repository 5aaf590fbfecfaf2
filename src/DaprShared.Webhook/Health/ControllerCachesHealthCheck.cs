using System.Globalization;
using DaprShared.Controller.Diagnostics;
using DaprShared.Kubernetes.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DaprShared.Webhook.Health;

/// <summary>Shows in <c>/readyz</c> whether the leader's watch caches are synced and watching. A blind controller
/// is at most Degraded, never Unhealthy: readiness gates admission traffic, and the webhook must neither stop
/// admitting pods nor block a cluster because the reconciler cannot see it. Degraded still answers 200, with the
/// resources and the server's reason in the body for whoever looks (and the log said it at Warning).</summary>
public sealed class ControllerCachesHealthCheck(ControllerCacheStatus status) : IHealthCheck
{
    public const string Name = "controller-caches";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check(status));

    public static HealthCheckResult Check(ControllerCacheStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var caches = status.Caches;
        if (caches.Count == 0)
        {
            return HealthCheckResult.Healthy($"not reconciling on this replica: {status.IdleReason}");
        }

        var problems = caches.Where(c => !c.IsHealthy).Select(Describe).ToList();
        return problems.Count == 0
            ? HealthCheckResult.Healthy($"leader: all {caches.Count} caches synced and watching")
            : HealthCheckResult.Degraded(
                $"leader, but {problems.Count} of {caches.Count} caches are not synced and watching (admission is not affected): {string.Join("; ", problems)}");
    }

    private static string Describe(CacheStatus cache) => cache.State switch
    {
        CacheState.Failing => $"{cache.Resource} {(cache.Synced ? "watch" : "not synced, list")} failing since {Format(cache.FailingSince)} ({cache.Failures} failures): {cache.LastError}",
        _ => $"{cache.Resource} not synced (listing)",
    };

    private static string Format(DateTimeOffset? when) =>
        when?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "?";
}
