using DaprShared.Core.Contract;

namespace DaprShared.Core.Injection;

/// <summary>Warns about annotations the controller consumes (they do not change the pod, so the pod is still
/// injected): a bad value is ignored by the controller in favour of the default, and the user should know now,
/// at admission, rather than discover it in an Event later.</summary>
internal static class AnnotationChecks
{
    public static void AddWarnings(PodJson pod, List<string> warnings)
    {
        Check(pod, DaprSharedKeys.AppPort, v => AnnotationValues.TryParsePort(v, out _), "a port from 1 to 65535", warnings);
        Check(pod, DaprSharedKeys.AppProtocol, AnnotationValues.IsAppProtocol, string.Join("|", AnnotationValues.AppProtocols), warnings);
        Check(pod, DaprSharedKeys.AppChannelAddress, AnnotationValues.IsChannelAddress, "a DNS name or IP address", warnings);
        Check(pod, DaprSharedKeys.Config, AnnotationValues.IsConfigName, "a Configuration name", warnings);
        Check(pod, DaprSharedKeys.LogLevel, AnnotationValues.IsLogLevel, string.Join("|", AnnotationValues.LogLevels), warnings);
        Check(pod, DaprSharedKeys.Replicas, v => AnnotationValues.TryParseReplicas(v, out _), $"1 to {AnnotationValues.MaxReplicas}", warnings);
    }

    private static void Check(PodJson pod, string key, Func<string?, bool> isValid, string expected, List<string> warnings)
    {
        var value = pod.Annotation(key);
        if (value is not null && !isValid(value))
        {
            warnings.Add(WarningText.Format(
                ReasonCodes.InvalidAnnotation,
                $"{key}={WarningText.Quote(value)} is not valid (expected {expected}); the default applies"));
        }
    }
}
