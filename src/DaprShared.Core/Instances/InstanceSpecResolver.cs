using System.Globalization;
using DaprShared.Core.Contract;

namespace DaprShared.Core.Instances;

/// <summary>Applies defaults to an instance spec and validates it. The CRD schema already rejects invalid specs;
/// this is the second line (an older CRD, a hand-edited object, a unit test) and never throws on bad values.</summary>
public static class InstanceSpecResolver
{
    public static SpecResolution Resolve(DaprSharedInstance instance, ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(cluster);
        var problems = new List<SpecProblem>();
        var name = instance.Metadata?.Name;
        var ns = instance.Metadata?.NamespaceProperty;
        var spec = instance.Spec ?? new DaprSharedInstanceSpec();

        if (string.IsNullOrEmpty(ns))
        {
            problems.Add(new SpecProblem("metadata.namespace", "the instance has no namespace", Fatal: true));
        }

        if (!string.IsNullOrEmpty(name) && !string.Equals(name, spec.AppId, StringComparison.Ordinal))
        {
            problems.Add(new SpecProblem("spec.appId", $"must equal metadata.name '{name}'", Fatal: true));
        }

        return Resolve(ns ?? "", spec, cluster, problems);
    }

    /// <summary>Resolves a bare spec for namespace <paramref name="ns"/> (used to compare a pod with an instance).</summary>
    public static SpecResolution Resolve(string ns, DaprSharedInstanceSpec spec, ClusterSettings cluster) =>
        Resolve(ns, spec, cluster, []);

    private static SpecResolution Resolve(string ns, DaprSharedInstanceSpec spec, ClusterSettings cluster, List<SpecProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cluster);

        if (!AppIdRules.IsValid(spec.AppId))
        {
            problems.Add(new SpecProblem("spec.appId",
                $"'{Shorten(spec.AppId)}' is not a valid app-id (DNS-1035 label of at most {AppIdRules.MaxLength} characters)", Fatal: true));
        }

        var strategy = cluster.DefaultStrategy;
        if (spec.Strategy is not null && !TryParseStrategyExact(spec.Strategy, out strategy))
        {
            // A wrong guess here would replace the workload, so this is fatal rather than defaulted.
            problems.Add(new SpecProblem("spec.strategy",
                $"'{Shorten(spec.Strategy)}' is not one of {SharedStrategyNames.DaemonSet}, {SharedStrategyNames.Deployment}", Fatal: true));
        }

        int? appPort = null;
        if (spec.AppPort is { } port)
        {
            if (InstanceValues.IsValidPort(port))
            {
                appPort = port;
            }
            else
            {
                problems.Add(new SpecProblem("spec.appPort",
                    $"{port.ToString(CultureInfo.InvariantCulture)} is not a port ({InstanceValues.MinPort}-{InstanceValues.MaxPort}); no app channel"));
            }
        }

        var channel = ValidOrNull(spec.AppChannelAddress, InstanceValues.IsValidAppChannelAddress, "spec.appChannelAddress",
            "not a host name or IP address; using the default", problems);

        if (appPort is null)
        {
            // Without an app port daprd opens no app channel, so an address would be an empty promise.
            channel = null;
        }
        else
        {
            channel ??= AppIdRules.IsValid(spec.AppId) && ns.Length > 0
                ? SharedObjectNames.ServiceHost(spec.AppId, ns, cluster.ClusterDomain)
                : null;
        }

        var protocol = ValidOrNull(spec.AppProtocol, InstanceValues.IsValidAppProtocol, "spec.appProtocol",
            $"not one of {string.Join(", ", InstanceValues.AppProtocols)}; using {InstanceValues.DefaultAppProtocol}", problems)
            ?? InstanceValues.DefaultAppProtocol;
        var config = ValidOrNull(spec.Config, InstanceValues.IsValidConfig, "spec.config", "not a valid Configuration name; none used", problems);
        var logLevel = ValidOrNull(spec.LogLevel, InstanceValues.IsValidLogLevel, "spec.logLevel",
            $"not one of {string.Join(", ", InstanceValues.LogLevels)}; using {InstanceValues.DefaultLogLevel}", problems)
            ?? InstanceValues.DefaultLogLevel;

        var replicas = InstanceValues.DefaultReplicas;
        if (spec.Replicas is { } wanted)
        {
            if (strategy != SharedStrategy.Deployment)
            {
                problems.Add(new SpecProblem("spec.replicas", "applies to the deployment strategy only; ignored"));
            }
            else if (InstanceValues.IsValidReplicas(wanted))
            {
                replicas = wanted;
            }
            else
            {
                problems.Add(new SpecProblem("spec.replicas",
                    $"{wanted.ToString(CultureInfo.InvariantCulture)} is outside {InstanceValues.MinReplicas}-{InstanceValues.MaxReplicas}; using {InstanceValues.DefaultReplicas}"));
            }
        }

        if (problems.Exists(p => p.Fatal))
        {
            return new SpecResolution(null, problems);
        }

        return new SpecResolution(
            new ResolvedInstanceSpec
            {
                Namespace = ns,
                AppId = spec.AppId,
                Strategy = strategy,
                AppPort = appPort,
                AppChannelAddress = channel,
                AppProtocol = protocol,
                Config = config,
                LogLevel = logLevel,
                Replicas = replicas,
            },
            problems);
    }

    /// <summary>An optional text field: its value when set and valid, else null (with a problem when it is invalid;
    /// the caller applies the default).</summary>
    private static string? ValidOrNull(string? value, Func<string, bool> isValid, string field, string invalidWhat, List<SpecProblem> problems)
    {
        if (value is null || isValid(value))
        {
            return value;
        }

        problems.Add(new SpecProblem(field, $"'{Shorten(value)}' is {invalidWhat}"));
        return null;
    }

    /// <summary>The CRD enum is lowercase; the pod annotation is case-insensitive (handled by the pod reader).</summary>
    private static bool TryParseStrategyExact(string value, out SharedStrategy strategy)
    {
        strategy = default;
        return value is SharedStrategyNames.DaemonSet or SharedStrategyNames.Deployment && SharedStrategyNames.TryParse(value, out strategy);
    }

    /// <summary>Keeps messages one short line even when a value is huge or multi-line.</summary>
    internal static string Shorten(string? value) => UserText.Shorten(value);
}
