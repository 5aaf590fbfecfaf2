using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Runtime;
using DaprShared.Kubernetes.Runtime;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using k8s;

namespace DaprShared.Controller.Reconciliation;

/// <summary>Which cache changes queue which work: an instance, a pod of an app-id or an object an instance owns
/// queues that instance; a pod that was missed queues its report; the trust bundle queues every instance.</summary>
internal static class WorkTriggers
{
    public static void Wire(TermJobs jobs, WorkQueue<WorkKey> queue, ControllerMetrics metrics)
    {
        var caches = jobs.Caches;
        caches.Instances.Changed += change =>
        {
            var instance = change.New;
            if (change.Type == WatchEventType.Deleted)
            {
                jobs.Bootstrap.OnInstanceDeleted(instance);
                jobs.Tokens.Forget(instance.Metadata.Uid);
            }

            metrics.Instances.Set(caches.Instances.Count);
            queue.Add(WorkKey.Instance(instance.Metadata.NamespaceProperty, instance.Metadata.Name));
        };

        caches.Pods.Changed += change =>
        {
            var pod = change.New;
            if (change.Type == WatchEventType.Deleted)
            {
                jobs.MissedPods.OnPodDeleted(pod);
                return;
            }

            if (change.Old is not null && PodMetadataRules.SameDecidingMetadata(change.Old, pod))
            {
                return;
            }

            var ns = pod.Metadata.NamespaceProperty;
            if (PodMetadataRules.LabelledAppId(pod) is { } appId)
            {
                queue.Add(WorkKey.Instance(ns, appId));
            }
            else if (PodMetadataRules.IsMissed(pod))
            {
                queue.Add(WorkKey.MissedPod(ns, pod.Metadata.Name));
                if (PodAnnotationReader.AppIdOf(pod.Metadata.Annotations) is { } annotated && AppIdRules.IsValid(annotated))
                {
                    queue.Add(WorkKey.Instance(ns, annotated));
                }
            }
        };

        foreach (var kind in caches.Owned.All)
        {
            kind.MetadataChanged += meta =>
            {
                foreach (var owner in InstanceOwnership.OwnerNames(meta))
                {
                    queue.Add(WorkKey.Instance(meta.NamespaceProperty, owner));
                }
            };
        }

        caches.TrustBundle.Changed += _ =>
        {
            foreach (var instance in caches.Instances.List())
            {
                queue.Add(WorkKey.Instance(instance.Metadata.NamespaceProperty, instance.Metadata.Name));
            }
        };
    }
}
