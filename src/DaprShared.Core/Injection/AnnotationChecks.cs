using DaprShared.Core.Contract;
using DaprShared.Core.Instances;

namespace DaprShared.Core.Injection;

/// <summary>Warns about annotations the controller consumes (they do not change the pod, so the pod is still
/// injected). The controller reads them with <see cref="PodAnnotationReader"/> and replaces a bad value by its
/// default; running the same reader here means the user learns it at admission, in the same words.</summary>
internal static class AnnotationChecks
{
    private static readonly string[] InstanceKeys = [.. InstanceSettings.All.Select(s => s.Annotation)];

    public static void AddWarnings(PodFacts pod, string appId, ClusterSettings settings, List<string> warnings)
    {
        if (!AnyBesidesAppId(pod))
        {
            return; // nothing to check: the app-id was checked already
        }

        // Only the few keys the reader looks at are copied, never the pod's other annotations.
        var annotations = new Dictionary<string, string>(InstanceKeys.Length, StringComparer.Ordinal)
        {
            [DaprSharedKeys.AppId] = appId,
        };
        foreach (var key in InstanceKeys)
        {
            if (pod.Annotation(key) is { } value)
            {
                annotations[key] = value;
            }
        }

        foreach (var problem in PodAnnotationReader.Read(annotations, settings).Problems)
        {
            warnings.Add(WarningText.Format(ReasonCodes.InvalidAnnotation, problem.ToString()));
        }
    }

    private static bool AnyBesidesAppId(PodFacts pod)
    {
        foreach (var key in InstanceKeys)
        {
            if (key != DaprSharedKeys.AppId && pod.AnnotationValue(key).IsString)
            {
                return true;
            }
        }

        return false;
    }
}
