using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using k8s.Models;

namespace DaprShared.Controller.Reconciliation;

/// <summary>What the controller concludes from a pod's metadata (it only ever fetches pod metadata): whether the
/// pod opted in, was injected or missed, and which app-id it belongs to. Not to be confused with the webhook's
/// <c>DaprShared.Core.Injection.PodFacts</c>, read from a whole pod at admission.</summary>
internal static class PodMetadataRules
{
    /// <summary>The app-id the webhook labelled the pod with, when it injected it.</summary>
    public static string? LabelledAppId(V1Pod pod) =>
        pod.Metadata?.Labels is { } labels && labels.TryGetValue(DaprSharedKeys.AppIdLabel, out var value) && value.Length > 0 ? value : null;

    public static bool OptedInByAnnotation(V1Pod pod) =>
        pod.Metadata?.Annotations is { } annotations
        && annotations.TryGetValue(DaprSharedKeys.Enabled, out var value)
        && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsInjected(V1Pod pod) =>
        pod.Metadata?.Annotations is { } annotations && annotations.TryGetValue(DaprSharedKeys.Injected, out var value) && value.Length > 0;

    public static bool IsTerminating(V1Pod pod) => pod.Metadata?.DeletionTimestamp is not null;

    /// <summary>Opted in by annotation but admitted without injection: the webhook was unreachable (failurePolicy
    /// Ignore) or skipped it (then the pod's admission warnings say why).</summary>
    public static bool IsMissed(V1Pod pod) => OptedInByAnnotation(pod) && !IsInjected(pod) && !IsTerminating(pod);

    /// <summary>The pods the controller keeps in its cache: injected ones and opted-in ones.</summary>
    public static bool IsRelevant(V1Pod pod) => LabelledAppId(pod) is not null || OptedInByAnnotation(pod);

    /// <summary>A pod belongs to an app-id by the webhook's label, or (missed pods) by its annotations.</summary>
    public static bool IsPodOf(V1Pod pod, string appId) =>
        LabelledAppId(pod) is { } labelled
            ? labelled == appId
            : IsMissed(pod) && PodAnnotationReader.AppIdOf(pod.Metadata.Annotations) == appId;

    /// <summary>A pod of the app-id in the namespace that is not being deleted: the pods an instance is made from
    /// and compared with.</summary>
    public static bool IsLivePodOf(V1Pod pod, string @namespace, string appId) =>
        pod.Metadata.NamespaceProperty == @namespace && !IsTerminating(pod) && IsPodOf(pod, appId);

    /// <summary>True when nothing the controller decides on changed: pod status updates also bump the
    /// resourceVersion, but only labels, annotations and deletion matter here.</summary>
    public static bool SameDecidingMetadata(V1Pod a, V1Pod b) =>
        SameMap(a.Metadata.Labels, b.Metadata.Labels) && SameMap(a.Metadata.Annotations, b.Metadata.Annotations) &&
        (a.Metadata.DeletionTimestamp is null) == (b.Metadata.DeletionTimestamp is null);

    private static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.All(p => b!.TryGetValue(p.Key, out var v) && v == p.Value));
}
