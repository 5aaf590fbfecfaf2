using System.Collections.Concurrent;
using System.Net;
using DaprShared.Controller.Api;
using DaprShared.Kubernetes.Api;
using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Runtime;
using DaprShared.Kubernetes.Runtime;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Reconciliation;

/// <summary>An opted-in pod for an app-id with no instance: the instance is created from the annotations of the
/// oldest such pod. After a user deleted an instance, only pods that were not there at that moment bring it back
/// (a pod "appears"). The pods are remembered by uid, not compared by time: creationTimestamp has whole seconds,
/// so a pod created in the second of the deletion was ignored for good (found on the real API server).</summary>
internal sealed class InstanceBootstrap(ControllerEnvironment env, Informer<V1Pod> pods, EventRecorder events, ILogger logger)
{
    private readonly ConcurrentDictionary<(string Namespace, string AppId), HashSet<string>> podsAtDeletion = new();

    public void OnInstanceDeleted(DaprSharedInstance instance)
    {
        var (ns, appId) = (instance.Metadata.NamespaceProperty, instance.Metadata.Name);
        podsAtDeletion[(ns, appId)] = pods.List(p => PodMetadataRules.IsLivePodOf(p, ns, appId))
            .Select(p => p.Metadata.Uid ?? "")
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The instance exists again (a user or GitOps re-created it): its pods count again, whenever created.</summary>
    public void OnInstanceExists(string @namespace, string appId) => podsAtDeletion.TryRemove((@namespace, appId), out _);

    public async Task<ReconcileOutcome> CreateFromPodsAsync(string @namespace, string appId, CancellationToken cancellationToken)
    {
        var before = podsAtDeletion.TryGetValue((@namespace, appId), out var known) ? known : null;
        var pod = pods
            .List(p => PodMetadataRules.IsLivePodOf(p, @namespace, appId) && before?.Contains(p.Metadata.Uid ?? "") != true)
            .OrderBy(p => p.Metadata.CreationTimestamp)
            .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (pod is not null)
        {
            await CreateFromPodAsync(@namespace, appId, pod, cancellationToken).ConfigureAwait(false);
        }

        return ReconcileOutcome.Success;
    }

    private async Task CreateFromPodAsync(string @namespace, string appId, V1Pod pod, CancellationToken cancellationToken)
    {
        var reading = PodAnnotationReader.Read(pod.Metadata.Annotations, env.Cluster);
        if (reading.Spec is null || reading.AppId != appId)
        {
            var problems = string.Join("; ", reading.Problems);
            ControllerLog.InstanceFromPodFailed(logger, appId, @namespace, pod.Metadata.Name, problems);
            await events.RecordOnPodAsync(pod.Metadata, EventRecorder.Warning, "InstanceNotCreated",
                $"no DaprSharedInstance was created for app-id {appId}: {problems}", cancellationToken).ConfigureAwait(false);
            return;
        }

        DaprSharedInstance created;
        try
        {
            env.Metrics.Writes.WithLabels(DaprSharedInstance.EntityKind, "create").Inc();
            created = await env.Client.CreateAsync(
                DaprSharedApi.Instances, PodAnnotationReader.NewInstance(@namespace, reading.Spec), @namespace, DaprSharedKeys.FieldManager, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.IsStatus(e, HttpStatusCode.Conflict))
        {
            // Someone (a user, GitOps) created it meanwhile: it is the source of truth; its watch event follows.
            return;
        }

        ControllerLog.InstanceCreated(logger, @namespace, appId, pod.Metadata.Name);
        await events.RecordOnInstanceAsync(created.Metadata, EventRecorder.Normal, "CreatedFromPod",
            $"created from the annotations of pod {pod.Metadata.Name}", cancellationToken).ConfigureAwait(false);
        if (reading.Problems.Count > 0)
        {
            await events.RecordOnInstanceAsync(created.Metadata, EventRecorder.Warning, "PodAnnotationsIgnored",
                $"pod {pod.Metadata.Name}: {string.Join("; ", reading.Problems)}", cancellationToken).ConfigureAwait(false);
        }
    }
}
