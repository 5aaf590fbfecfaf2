using DaprShared.Core.Contract;

namespace DaprShared.Core.Instances;

/// <summary>Reads the DESIGN §2 annotations of an opted-in pod: the spec of the instance to create when its app-id
/// has none. Only what the pod states goes into the spec, plus the strategy (explicit, so the instance does not
/// change kind if the configured default changes later). What each annotation accepts is its row of
/// <see cref="InstanceSettings"/>.</summary>
public static class PodAnnotationReader
{
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
            problems.Add(Invalid(InstanceSettings.AppId.Annotation, appId, InstanceSettings.AppId.Invalid) with { Fatal = true });
            return new PodSpecReading(appId, null, problems);
        }

        var spec = new DaprSharedInstanceSpec { AppId = appId };
        var strategy = ReadStrategy(annotations, cluster, problems);
        spec.Strategy = strategy.ToValue();

        ReadSetting(annotations, InstanceSettings.AppPort, spec, problems);
        ReadSetting(annotations, InstanceSettings.AppChannelAddress, spec, problems);
        if (spec.AppChannelAddress is not null && spec.AppPort is null)
        {
            // Without an app port daprd opens no app channel (and the CRD rejects the combination).
            problems.Add(new SpecProblem(DaprSharedKeys.AppChannelAddress, $"needs {DaprSharedKeys.AppPort}; ignored"));
            spec.AppChannelAddress = null;
        }

        ReadSetting(annotations, InstanceSettings.AppProtocol, spec, problems);
        foreach (var option in InstanceSettings.DaprdOptions)
        {
            ReadSetting(annotations, option, spec, problems);
        }

        var replicas = InstanceSettings.Replicas;
        if (TryGet(annotations, replicas.Annotation, out var replicasText))
        {
            if (!replicas.Value.TryParseAnnotation(replicasText, out var value))
            {
                problems.Add(Invalid(replicas.Annotation, replicasText, replicas.Invalid));
            }
            else if (strategy != SharedStrategy.Deployment)
            {
                problems.Add(new SpecProblem(replicas.Annotation, "applies to the deployment strategy only; ignored"));
            }
            else
            {
                replicas.Value.Write(spec, value);
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
        if (TryGet(annotations, InstanceSettings.AppId.Annotation, out var own))
        {
            return own;
        }

        return TryGet(annotations, InstanceSettings.AppId.FallbackAnnotation!, out var dapr) ? dapr : null;
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

        problems.Add(Invalid(DaprSharedKeys.Strategy, text, $"{InstanceSettings.Strategy.Invalid}; using {cluster.DefaultStrategy.ToValue()}"));
        return cluster.DefaultStrategy;
    }

    /// <summary>A setting the pod sets and that its row accepts goes into the spec: absent says nothing, invalid adds a
    /// problem naming the value as written.</summary>
    private static void ReadSetting(IDictionary<string, string>? annotations, InstanceSetting setting, DaprSharedInstanceSpec spec, List<SpecProblem> problems)
    {
        if (!TryGet(annotations, setting.Annotation, out var text))
        {
            return;
        }

        if (setting.Value.TryParseAnnotation(text, out var value))
        {
            setting.Value.Write(spec, value);
        }
        else
        {
            problems.Add(Invalid(setting.Annotation, text, setting.Invalid));
        }
    }

    private static SpecProblem Invalid(string key, string value, string what) =>
        new(key, $"'{InstanceSpecResolver.Shorten(value)}' is {what}");
}
