using DaprShared.Controller.Diagnostics;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Reconciliation;

/// <summary>The jobs of one leadership term, each with its own memory (deleted instances, reported pods, created
/// token Secrets), which ends with the term.</summary>
internal sealed record TermJobs(
    ClusterCaches Caches,
    ApiTokenSecrets Tokens,
    InstanceBootstrap Bootstrap,
    InstanceReconciler Instances,
    MissedPodReporter MissedPods)
{
    public static TermJobs Create(ControllerEnvironment env, ClusterCaches caches)
    {
        var events = new EventRecorder(env.Client, env.Time, env.Identity, env.Metrics, env.Loggers.CreateLogger<EventRecorder>());
        var tokens = new ApiTokenSecrets(env.Client, env.Time, env.Options.ConflictRecheckPeriod, env.Metrics, env.Loggers.CreateLogger<ApiTokenSecrets>());
        return new TermJobs(
            caches,
            tokens,
            new InstanceBootstrap(env, caches.Pods, events, env.Loggers.CreateLogger<InstanceBootstrap>()),
            new InstanceReconciler(env, caches, events, tokens),
            new MissedPodReporter(caches.Pods, env.Metrics, events, env.Loggers.CreateLogger<MissedPodReporter>()));
    }
}
