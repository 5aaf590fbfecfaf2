using DaprShared.Core.Contract;
using DaprShared.Core.Patching;

namespace DaprShared.Core.Injection;

/// <summary>The metadata half of the patch: the <c>dapr-shared.io/app-id</c> label, the
/// <c>dapr-shared.io/injected</c> annotation, and <c>dapr.io/enabled</c> turned off so that Dapr's sidecar injector
/// (called after us: webhook configurations run in name order) skips the pod. Parents are created first
/// (<c>metadata</c>, <c>labels</c> and <c>annotations</c> may be missing, e.g. from a pod template).</summary>
internal static class MetadataPatcher
{
    private const string LabelsPath = "/metadata/labels";
    private const string AnnotationsPath = "/metadata/annotations";
    private static readonly string DaprEnabledPath = AnnotationsPath + "/" + JsonPointer.Escape(DaprSharedKeys.DaprEnabled);
    private static readonly string AppIdLabelPath = LabelsPath + "/" + JsonPointer.Escape(DaprSharedKeys.AppIdLabel);
    private static readonly string InjectedPath = AnnotationsPath + "/" + JsonPointer.Escape(DaprSharedKeys.Injected);

    public static void AddOperations(
        PodFacts pod, string appId, SharedStrategy strategy, List<PatchOperation> operations, List<string> warnings)
    {
        if (!pod.HasMetadata)
        {
            operations.Add(PatchOperation.Add("/metadata", PatchValue.EmptyObject));
        }

        var previousLabel = EnsureMember(pod, pod.LabelsIsObject, pod.AppIdLabel, LabelsPath, AppIdLabelPath, appId, operations);
        if (previousLabel is not null)
        {
            warnings.Add(WarningText.Format(
                ReasonCodes.LabelReplaced,
                $"label {DaprSharedKeys.AppIdLabel} was {UserText.Quote(previousLabel)}; set to the app-id \"{appId}\""));
        }

        if (OptIn.IsDaprTruthy(pod.Annotation(DaprSharedKeys.DaprEnabled)))
        {
            operations.Add(PatchOperation.Replace(DaprEnabledPath, PatchValue.String("false")));
            warnings.Add(WarningText.Format(
                ReasonCodes.DaprInjectorDisabled,
                $"set {DaprSharedKeys.DaprEnabled} to \"false\": this pod uses the shared daprd, not a sidecar"));
        }

        // A different value here means a copied manifest or a changed strategy: ours to correct, no warning needed.
        EnsureMember(pod, pod.AnnotationsIsObject, pod.AnnotationValue(DaprSharedKeys.Injected), AnnotationsPath, InjectedPath, strategy.ToValue(), operations);
    }

    /// <summary>Makes one string member of a map (at <paramref name="memberPath"/>, escaped once) hold <paramref name="value"/>, creating the map first when it is
    /// missing. Returns the value it replaced, if any.</summary>
    private static string? EnsureMember(
        PodFacts pod, bool mapIsObject, JsonSlice current, string mapPath, string memberPath, string value, List<PatchOperation> operations)
    {
        if (!mapIsObject)
        {
            operations.Add(PatchOperation.Add(mapPath, PatchValue.EmptyObject));
            operations.Add(PatchOperation.Add(memberPath, PatchValue.String(value)));
            return null;
        }

        if (!current.IsPresent)
        {
            operations.Add(PatchOperation.Add(memberPath, PatchValue.String(value)));
            return null;
        }

        if (current.StringEquals(pod.Source, value))
        {
            return null;
        }

        operations.Add(PatchOperation.Replace(memberPath, PatchValue.String(value)));
        return current.IsString ? current.GetString(pod.Source) : current.GetRawText(pod.Source);
    }
}
