using System.Globalization;
using DaprShared.Core.Contract;

namespace DaprShared.Core.Instances;

/// <summary>Reads the DESIGN §2 annotations of an opted-in pod: the spec of the instance to create when its app-id
/// has none. Only what the pod states goes into the spec, plus the strategy (explicit, so the instance does not
/// change kind if the configured default changes later).</summary>
public static class PodAnnotationReader
{
    // Built once: the reader runs for every opted-in pod the webhook admits.
    private static readonly string InvalidAppProtocol =
        $"not one of {string.Join(", ", InstanceValues.AppProtocols)}; using {InstanceValues.DefaultAppProtocol}";

    private static readonly string InvalidLogLevel =
        $"not one of {string.Join(", ", InstanceValues.LogLevels)}; using {InstanceValues.DefaultLogLevel}";

    public static PodSpecReading Read(IDictionary<string, string>? annotations, ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var problems = new List<SpecProblem>();

        var appId = AppIdOf(annotations);
        if (appId is null)
        {
            problems.Add(new SpecProblem(DaprSharedKeys.AppId, $"missing (and no {DaprSharedKeys.DaprAppId} to fall back on)", Fatal: true));
            return new PodSpecReading(null, null, problems);
        }

        if (!AppIdRules.IsValid(appId))
        {
            problems.Add(new SpecProblem(DaprSharedKeys.AppId,
                $"'{InstanceSpecResolver.Shorten(appId)}' is not a valid app-id (DNS-1035 label of at most {AppIdRules.MaxLength} characters)", Fatal: true));
            return new PodSpecReading(appId, null, problems);
        }

        var spec = new DaprSharedInstanceSpec { AppId = appId };
        var strategy = ReadStrategy(annotations, cluster, problems);
        spec.Strategy = strategy.ToValue();

        if (TryGet(annotations, DaprSharedKeys.AppPort, out var portText))
        {
            if (TryParsePort(portText, out var port))
            {
                spec.AppPort = port;
            }
            else
            {
                problems.Add(Invalid(DaprSharedKeys.AppPort, portText, $"not a port ({InstanceValues.MinPort}-{InstanceValues.MaxPort}); no app channel"));
            }
        }

        spec.AppChannelAddress = ReadText(annotations, DaprSharedKeys.AppChannelAddress, InstanceValues.IsValidAppChannelAddress, lowercase: false,
            "not a host name or IP address; using the default", problems);

        if (spec.AppChannelAddress is not null && spec.AppPort is null)
        {
            // Without an app port daprd opens no app channel (and the CRD rejects the combination).
            problems.Add(new SpecProblem(DaprSharedKeys.AppChannelAddress, $"needs {DaprSharedKeys.AppPort}; ignored"));
            spec.AppChannelAddress = null;
        }

        spec.AppProtocol = ReadText(annotations, DaprSharedKeys.AppProtocol, InstanceValues.IsValidAppProtocol, lowercase: true,
            InvalidAppProtocol, problems);
        spec.Config = ReadText(annotations, DaprSharedKeys.Config, InstanceValues.IsValidConfig, lowercase: false,
            "not a valid Configuration name; none used", problems);
        spec.LogLevel = ReadText(annotations, DaprSharedKeys.LogLevel, InstanceValues.IsValidLogLevel, lowercase: true,
            InvalidLogLevel, problems);

        if (TryGet(annotations, DaprSharedKeys.Replicas, out var replicasText))
        {
            if (!TryParseReplicas(replicasText, out var replicas))
            {
                problems.Add(Invalid(DaprSharedKeys.Replicas, replicasText,
                    $"not a number in {InstanceValues.MinReplicas}-{InstanceValues.MaxReplicas}; using {InstanceValues.DefaultReplicas}"));
            }
            else if (strategy != SharedStrategy.Deployment)
            {
                problems.Add(new SpecProblem(DaprSharedKeys.Replicas, "applies to the deployment strategy only; ignored"));
            }
            else
            {
                spec.Replicas = replicas;
            }
        }

        return new PodSpecReading(appId, spec, problems);
    }

    /// <summary>A new instance for <paramref name="spec"/> in namespace <paramref name="ns"/>, named after its app-id
    /// (the CRD requires <c>metadata.name == spec.appId</c>).</summary>
    public static DaprSharedInstance NewInstance(string ns, DaprSharedInstanceSpec spec)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        ArgumentNullException.ThrowIfNull(spec);
        return new DaprSharedInstance
        {
            Metadata = new k8s.Models.V1ObjectMeta
            {
                Name = spec.AppId,
                NamespaceProperty = ns,
                Labels = InstanceLabels.Sorted((DaprSharedKeys.ManagedByLabel, DaprSharedKeys.ManagedByValue)),
            },
            Spec = spec,
        };
    }

    /// <summary><c>dapr-shared.io/app-id</c>, else <c>dapr.io/app-id</c>; an empty value counts as absent.</summary>
    public static string? AppIdOf(IDictionary<string, string>? annotations)
    {
        if (TryGet(annotations, DaprSharedKeys.AppId, out var own))
        {
            return own;
        }

        return TryGet(annotations, DaprSharedKeys.DaprAppId, out var dapr) ? dapr : null;
    }

    /// <summary>The strategy the pod was (or would be) injected for: <c>dapr-shared.io/injected</c> records what
    /// the webhook actually did, so it wins over <c>dapr-shared.io/strategy</c>; then the configured default.</summary>
    internal static SharedStrategy EffectiveStrategy(IDictionary<string, string>? annotations, ClusterSettings cluster, out string source)
    {
        if (TryGet(annotations, DaprSharedKeys.Injected, out var injected) && SharedStrategyNames.TryParse(injected, out var done))
        {
            source = DaprSharedKeys.Injected;
            return done;
        }

        if (TryGet(annotations, DaprSharedKeys.Strategy, out var wanted) && SharedStrategyNames.TryParse(wanted, out var asked))
        {
            source = DaprSharedKeys.Strategy;
            return asked;
        }

        source = "default";
        return cluster.DefaultStrategy;
    }

    internal static bool TryGet(IDictionary<string, string>? annotations, string key, out string value)
    {
        if (annotations is not null && annotations.TryGetValue(key, out var found) && !string.IsNullOrEmpty(found))
        {
            value = found;
            return true;
        }

        value = "";
        return false;
    }

    internal static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && InstanceValues.IsValidPort(port);

    internal static bool TryParseReplicas(string text, out int replicas) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out replicas) && InstanceValues.IsValidReplicas(replicas);

    private static SharedStrategy ReadStrategy(IDictionary<string, string>? annotations, ClusterSettings cluster, List<SpecProblem> problems)
    {
        if (!TryGet(annotations, DaprSharedKeys.Strategy, out var text))
        {
            return cluster.DefaultStrategy;
        }

        if (SharedStrategyNames.TryParse(text, out var strategy))
        {
            return strategy;
        }

        problems.Add(Invalid(DaprSharedKeys.Strategy, text,
            $"not one of {SharedStrategyNames.DaemonSet}, {SharedStrategyNames.Deployment}; using {cluster.DefaultStrategy.ToValue()}"));
        return cluster.DefaultStrategy;
    }

    /// <summary>A text annotation the pod sets and that passes <paramref name="isValid"/> (lowercased first for the
    /// case-insensitive ones), else null: absent says nothing, invalid adds a problem naming the value as written.</summary>
    private static string? ReadText(IDictionary<string, string>? annotations, string key, Func<string, bool> isValid, bool lowercase, string invalidWhat, List<SpecProblem> problems)
    {
        if (!TryGet(annotations, key, out var text))
        {
            return null;
        }

        var value = lowercase ? text.ToLowerInvariant() : text;
        if (isValid(value))
        {
            return value;
        }

        problems.Add(Invalid(key, text, invalidWhat));
        return null;
    }

    private static SpecProblem Invalid(string key, string value, string what) =>
        new(key, $"'{InstanceSpecResolver.Shorten(value)}' is {what}");
}
