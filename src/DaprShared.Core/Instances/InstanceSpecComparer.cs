using System.Globalization;
using DaprShared.Core.Contract;

namespace DaprShared.Core.Instances;

/// <summary>Compares an opted-in pod with the existing instance of its app-id. The instance is the source of truth
/// (DESIGN §4): nothing changes, but each disagreement becomes one line of an Event on the instance.</summary>
public static class InstanceSpecComparer
{
    /// <summary>Human-readable disagreements in a fixed order; empty when the pod agrees (an annotation the pod does
    /// not set is no disagreement, except the strategy, which decides which Service the pod was pointed at).</summary>
    public static IReadOnlyList<string> Disagreements(IDictionary<string, string>? podAnnotations, DaprSharedInstance instance, ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(cluster);

        var resolved = InstanceSpecResolver.Resolve(instance.Metadata?.NamespaceProperty ?? "", instance.Spec ?? new DaprSharedInstanceSpec(), cluster).Spec;
        if (resolved is null)
        {
            // An invalid instance is reported on its own; comparing against it would only add noise.
            return [];
        }

        var result = new List<string>();

        var podStrategy = PodAnnotationReader.EffectiveStrategy(podAnnotations, cluster, out var source);
        if (podStrategy != resolved.Strategy)
        {
            var why = source == "default" ? "by the configured default" : "by " + source;
            result.Add($"strategy: the pod was set up for {podStrategy.ToValue()} ({why}), the instance runs {resolved.Strategy.ToValue()}; " +
                "restart the pod to get this instance's endpoints");
        }

        if (PodAnnotationReader.TryGet(podAnnotations, DaprSharedKeys.AppPort, out var portText))
        {
            if (!PodAnnotationReader.TryParsePort(portText, out var port))
            {
                result.Add(Invalid(DaprSharedKeys.AppPort, portText));
            }
            else if (port != resolved.AppPort)
            {
                result.Add(Differs(DaprSharedKeys.AppPort, port.ToString(CultureInfo.InvariantCulture), resolved.AppPort?.ToString(CultureInfo.InvariantCulture)));
            }
        }

        CompareText(podAnnotations, DaprSharedKeys.AppChannelAddress, resolved.AppChannelAddress, InstanceValues.IsValidAppChannelAddress, lowercase: false, result);
        CompareText(podAnnotations, DaprSharedKeys.AppProtocol, resolved.AppProtocol, InstanceValues.IsValidAppProtocol, lowercase: true, result);
        CompareText(podAnnotations, DaprSharedKeys.Config, resolved.Config, InstanceValues.IsValidConfig, lowercase: false, result);
        CompareText(podAnnotations, DaprSharedKeys.LogLevel, resolved.LogLevel, InstanceValues.IsValidLogLevel, lowercase: true, result);

        if (PodAnnotationReader.TryGet(podAnnotations, DaprSharedKeys.Replicas, out var replicasText))
        {
            if (!PodAnnotationReader.TryParseReplicas(replicasText, out var replicas))
            {
                result.Add(Invalid(DaprSharedKeys.Replicas, replicasText));
            }
            else if (resolved.Strategy == SharedStrategy.Deployment && replicas != resolved.Replicas)
            {
                result.Add(Differs(DaprSharedKeys.Replicas, replicas.ToString(CultureInfo.InvariantCulture), resolved.Replicas.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return result;
    }

    /// <summary>Compares one text annotation the pod sets (lowercased first for the case-insensitive ones) with the
    /// instance's value; an invalid value is reported as written.</summary>
    private static void CompareText(IDictionary<string, string>? annotations, string key, string? instanceValue, Func<string, bool> isValid, bool lowercase, List<string> result)
    {
        if (!PodAnnotationReader.TryGet(annotations, key, out var text))
        {
            return;
        }

        var value = lowercase ? text.ToLowerInvariant() : text;
        if (!isValid(value))
        {
            result.Add(Invalid(key, text));
        }
        else if (!string.Equals(value, instanceValue, StringComparison.Ordinal))
        {
            result.Add(Differs(key, value, instanceValue));
        }
    }

    private static string Differs(string key, string podValue, string? instanceValue) =>
        $"{key}: the pod asks for '{InstanceSpecResolver.Shorten(podValue)}', the instance has '{InstanceSpecResolver.Shorten(instanceValue ?? "(unset)")}'";

    private static string Invalid(string key, string podValue) =>
        $"{key}: the pod's value '{InstanceSpecResolver.Shorten(podValue)}' is invalid and ignored";
}
