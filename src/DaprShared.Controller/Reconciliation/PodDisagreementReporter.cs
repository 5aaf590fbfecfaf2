using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Runtime;
using DaprShared.Kubernetes.Runtime;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Reconciliation;

/// <summary>The instance is the source of truth: a pod that asks for something else gets an Event on the
/// instance (once per distinct disagreement and instance generation), never a silent change.</summary>
internal sealed class PodDisagreementReporter(ClusterSettings cluster, Informer<V1Pod> pods, EventRecorder events, ILogger logger)
{
    public async Task ReportAsync(DaprSharedInstance instance, CancellationToken cancellationToken)
    {
        var ofInstance = pods.List(p => PodMetadataRules.IsLivePodOf(p, instance.Metadata.NamespaceProperty, instance.Metadata.Name));
        foreach (var pod in ofInstance.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            var disagreements = InstanceSpecComparer.Disagreements(pod.Metadata.Annotations, instance, cluster);
            if (disagreements.Count == 0)
            {
                continue;
            }

            var text = string.Join("; ", disagreements);
            ControllerLog.PodDisagrees(logger, pod.Metadata.NamespaceProperty, pod.Metadata.Name, instance.Metadata.Name, text);
            await events.RecordOnInstanceAsync(
                instance.Metadata, EventRecorder.Warning, "PodDisagrees",
                $"pod {pod.Metadata.Name} disagrees with this instance, which is left unchanged: {text}",
                cancellationToken,
                dedupKey: $"{instance.Metadata.Generation}:{text}").ConfigureAwait(false);
        }
    }
}
