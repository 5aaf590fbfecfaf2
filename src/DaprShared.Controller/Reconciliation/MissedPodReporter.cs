using System.Collections.Concurrent;
using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Runtime;
using DaprShared.Kubernetes.Runtime;
using DaprShared.Core.Contract;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Reconciliation;

/// <summary>Reports a pod that opted in but was admitted without injection: once per pod (by uid), as a Warning
/// Event on the pod and in the missed-pods metric.</summary>
internal sealed class MissedPodReporter(Informer<V1Pod> pods, ControllerMetrics metrics, EventRecorder events, ILogger logger)
{
    private readonly ConcurrentDictionary<string, byte> reported = new(StringComparer.Ordinal);

    /// <summary>A deleted pod is forgotten: its uid never comes back.</summary>
    public void OnPodDeleted(V1Pod pod) => reported.TryRemove(pod.Metadata.Uid ?? "", out _);

    public async Task<ReconcileOutcome> ReportAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        if (!pods.TryGet(@namespace, name, out var pod) || !PodMetadataRules.IsMissed(pod) || !reported.TryAdd(pod.Metadata.Uid ?? "", 0))
        {
            return ReconcileOutcome.Success;
        }

        metrics.MissedPods.Inc();
        ControllerLog.MissedPod(logger, @namespace, name);
        await events.RecordOnPodAsync(pod.Metadata, EventRecorder.Warning, "NotInjected",
            $"this pod opted in to Dapr Shared ({DaprSharedKeys.Enabled}=true) but was admitted without injection: the webhook was unreachable " +
            "(failurePolicy Ignore) or skipped it (see the admission warnings); delete the pod to have it recreated and injected",
            cancellationToken).ConfigureAwait(false);
        return ReconcileOutcome.Success;
    }
}
