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
            problems.Add(new SpecProblem(InstanceSettings.AppId.SpecPath, $"must equal metadata.name '{name}'", Fatal: true));
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
            problems.Add(new SpecProblem(InstanceSettings.AppId.SpecPath, $"'{Shorten(spec.AppId)}' is {InstanceSettings.AppId.Invalid}", Fatal: true));
        }

        var strategy = cluster.DefaultStrategy;
        if (spec.Strategy is not null && !TryParseStrategyExact(spec.Strategy, out strategy))
        {
            // A wrong guess here would replace the workload, so this is fatal rather than defaulted.
            problems.Add(new SpecProblem(InstanceSettings.Strategy.SpecPath, $"'{Shorten(spec.Strategy)}' is {InstanceSettings.Strategy.Invalid}", Fatal: true));
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
                problems.Add(new SpecProblem(InstanceSettings.AppPort.SpecPath,
                    $"{port.ToString(CultureInfo.InvariantCulture)} is not a port ({InstanceValues.MinPort}-{InstanceValues.MaxPort}); no app channel"));
            }
        }

        var channel = ValidOrNull(spec, InstanceSettings.AppChannelAddress, problems);
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

        var protocol = ValidOrNull(spec, InstanceSettings.AppProtocol, problems) ?? InstanceValues.DefaultAppProtocol;
        var options = new Dictionary<InstanceSetting, string>();
        foreach (var option in InstanceSettings.DaprdOptions)
        {
            if ((ValidOrNull(spec, option, problems) ?? option.Default) is { } value)
            {
                options[option] = value;
            }
        }

        var replicas = InstanceValues.DefaultReplicas;
        if (spec.Replicas is { } wanted)
        {
            if (strategy != SharedStrategy.Deployment)
            {
                problems.Add(new SpecProblem(InstanceSettings.Replicas.SpecPath, "applies to the deployment strategy only; ignored"));
            }
            else if (InstanceValues.IsValidReplicas(wanted))
            {
                replicas = wanted;
            }
            else
            {
                problems.Add(new SpecProblem(InstanceSettings.Replicas.SpecPath,
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
                Options = options,
                Replicas = replicas,
            },
            problems);
    }

    /// <summary>An optional setting: the spec's value when set and valid, else null (with a problem when it is
    /// invalid; the caller applies the default).</summary>
    private static string? ValidOrNull(DaprSharedInstanceSpec spec, InstanceSetting setting, List<SpecProblem> problems)
    {
        var value = setting.Value.Read(spec);
        if (value is null || setting.Value.IsValid(value))
        {
            return value;
        }

        problems.Add(new SpecProblem(setting.SpecPath, $"'{Shorten(value)}' is {setting.Invalid}"));
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
