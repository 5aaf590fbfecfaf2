using System.Collections.Concurrent;
using System.Globalization;
using DaprShared.Controller.Api;
using DaprShared.Kubernetes.Api;
using DaprShared.Controller.Diagnostics;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Reconciliation;

/// <summary>Writes core/v1 Events (what <c>kubectl describe</c> shows). The same event is recorded once per
/// leadership term, not on every reconcile: an idle controller must not write, and repeating an unchanged
/// conflict every minute would only bury it. Failing to record an event never fails a reconcile.</summary>
internal sealed class EventRecorder(KubernetesApiClient client, TimeProvider time, string reportingInstance, ControllerMetrics metrics, ILogger logger)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    private const int MaxRemembered = 10_000;
    private const int MaxMessageLength = 1024;
    private const string Component = "dapr-shared-controller";

    private readonly ConcurrentDictionary<string, byte> recorded = new(StringComparer.Ordinal);

    /// <summary>Records an event on a DaprSharedInstance (see <see cref="RecordAsync"/> for the deduplication).</summary>
    public Task RecordOnInstanceAsync(V1ObjectMeta instance, string type, string reason, string message, CancellationToken cancellationToken, string? dedupKey = null) =>
        RecordAsync(DaprSharedInstance.GroupVersion, DaprSharedInstance.EntityKind, instance, type, reason, message, cancellationToken, dedupKey);

    /// <summary>Records an event on a pod, deduplicated by its message.</summary>
    public Task RecordOnPodAsync(V1ObjectMeta pod, string type, string reason, string message, CancellationToken cancellationToken) =>
        RecordAsync("v1", V1Pod.KubeKind, pod, type, reason, message, cancellationToken);

    /// <summary>Records an event on an object unless the same (object, reason, <paramref name="dedupKey"/>) was
    /// already recorded; <paramref name="dedupKey"/> defaults to the message.</summary>
    private async Task RecordAsync(string apiVersion, string kind, V1ObjectMeta target, string type, string reason, string message, CancellationToken cancellationToken, string? dedupKey = null)
    {
        var key = string.Join('\u001f', target.Uid, reason, dedupKey ?? message);
        if (recorded.Count > MaxRemembered)
        {
            recorded.Clear();
        }

        if (!recorded.TryAdd(key, 0))
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var evt = new Corev1Event
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{target.Name}.{now.Ticks.ToString("x", CultureInfo.InvariantCulture)}{Random.Shared.Next(0x1000):x3}",
                NamespaceProperty = target.NamespaceProperty,
                Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [DaprSharedKeys.ManagedByLabel] = DaprSharedKeys.ManagedByValue },
            },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = apiVersion,
                Kind = kind,
                Name = target.Name,
                NamespaceProperty = target.NamespaceProperty,
                Uid = target.Uid,
                ResourceVersion = target.ResourceVersion,
            },
            Type = type,
            Reason = reason,
            Message = message.Length <= MaxMessageLength ? message : message[..(MaxMessageLength - 3)] + "...",
            Source = new V1EventSource { Component = Component },
            ReportingComponent = "dapr-shared.io/controller",
            ReportingInstance = reportingInstance,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };

        try
        {
            metrics.Writes.WithLabels("Event", "create").Inc();
            await client.CreateAsync(ApiResources.Events, evt, target.NamespaceProperty, fieldManager: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Forget it, so the next reconcile tries again.
            recorded.TryRemove(key, out _);
            ControllerLog.EventFailed(logger, reason, kind, target.NamespaceProperty ?? "", target.Name ?? "", ApiErrors.Describe(e));
        }
    }
}
