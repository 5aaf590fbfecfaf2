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

        Compare(podAnnotations, InstanceSettings.AppPort, resolved.AppPort?.ToString(CultureInfo.InvariantCulture), result);
        Compare(podAnnotations, InstanceSettings.AppChannelAddress, resolved.AppChannelAddress, result);
        Compare(podAnnotations, InstanceSettings.AppProtocol, resolved.AppProtocol, result);
        foreach (var option in InstanceSettings.DaprdOptions)
        {
            Compare(podAnnotations, option, resolved.Options.GetValueOrDefault(option), result);
        }

        // A daemonset runs no replicas to disagree with, but an invalid value is still worth saying.
        Compare(podAnnotations, InstanceSettings.Replicas, resolved.Replicas.ToString(CultureInfo.InvariantCulture), result,
            differenceMatters: resolved.Strategy == SharedStrategy.Deployment);

        return result;
    }

    /// <summary>Compares the value of one setting the pod sets with the instance's; an invalid value is reported as
    /// written.</summary>
    private static void Compare(IDictionary<string, string>? annotations, InstanceSetting setting, string? instanceValue, List<string> result, bool differenceMatters = true)
    {
        if (!PodAnnotationReader.TryGet(annotations, setting.Annotation, out var text))
        {
            return;
        }

        if (!setting.Value.TryParseAnnotation(text, out var value))
        {
            result.Add(Invalid(setting.Annotation, text));
        }
        else if (differenceMatters && !string.Equals(value, instanceValue, StringComparison.Ordinal))
        {
            result.Add(Differs(setting.Annotation, value, instanceValue));
        }
    }

    private static string Differs(string key, string podValue, string? instanceValue) =>
        $"{key}: the pod asks for '{InstanceSpecResolver.Shorten(podValue)}', the instance has '{InstanceSpecResolver.Shorten(instanceValue ?? "(unset)")}'";

    private static string Invalid(string key, string podValue) =>
        $"{key}: the pod's value '{InstanceSpecResolver.Shorten(podValue)}' is invalid and ignored";
}
