using System.Globalization;
using DaprShared.Core.Contract;

namespace DaprShared.Core.Instances;

/// <summary>The per-app settings of a shared daprd (DESIGN §2 and §4), one row each: pod annotation, instance spec
/// field, accepted values, default, daprd flag. The pod-annotation reader, the admission checks, the spec resolver, the
/// pod/instance comparer and the daprd arguments take them from here, and tests hold the CRD schema and the docs to
/// these rows. A new setting that is only a daprd flag is one row with <see cref="InstanceSetting.IsDaprdOption"/>
/// (plus the spec property it reads and writes, and its CRD schema property).</summary>
public static class InstanceSettings
{
    /// <summary>The Dapr app-id; names the instance and everything it owns.</summary>
    public static readonly InstanceSetting AppId = new(DaprSharedKeys.AppId, "appId",
        SettingValue.Text(spec => spec.AppId, (spec, value) => spec.AppId = value, value => AppIdRules.IsValid(value), AppIdRules.Pattern, AppIdRules.MaxLength))
    {
        FallbackAnnotation = DaprSharedKeys.DaprAppId,
        DaprdFlag = "--app-id",
        Invalid = $"not a valid app-id (DNS-1035 label of at most {AppIdRules.MaxLength} characters)",
    };

    /// <summary>Where daprd runs: one per node or one Deployment per cluster; unset = the configured default strategy.</summary>
    public static readonly InstanceSetting Strategy = new(DaprSharedKeys.Strategy, "strategy",
        SettingValue.Choice(spec => spec.Strategy, (spec, value) => spec.Strategy = value, [SharedStrategyNames.DaemonSet, SharedStrategyNames.Deployment]));

    /// <summary>The port the app listens on; unset = no app channel.</summary>
    public static readonly InstanceSetting AppPort = new(DaprSharedKeys.AppPort, "appPort",
        SettingValue.Integer(spec => spec.AppPort, (spec, value) => spec.AppPort = value, InstanceValues.MinPort, InstanceValues.MaxPort))
    {
        DaprdFlag = "--app-port",
        Invalid = $"not a port ({InstanceValues.MinPort}-{InstanceValues.MaxPort}); no app channel",
    };

    /// <summary>Where daprd reaches the app, e.g. its Service; unset with an app port = the app-id's Service host name.</summary>
    public static readonly InstanceSetting AppChannelAddress = new(DaprSharedKeys.AppChannelAddress, "appChannelAddress",
        SettingValue.Text(spec => spec.AppChannelAddress, (spec, value) => spec.AppChannelAddress = value, InstanceValues.IsValidAppChannelAddress,
            InstanceValues.AppChannelAddressPattern, InstanceValues.MaxAppChannelAddressLength))
    {
        DaprdFlag = "--app-channel-address",
        Invalid = "not a host name or IP address; using the default",
    };

    /// <summary>How daprd talks to the app.</summary>
    public static readonly InstanceSetting AppProtocol = new(DaprSharedKeys.AppProtocol, "appProtocol",
        SettingValue.Choice(spec => spec.AppProtocol, (spec, value) => spec.AppProtocol = value, InstanceValues.AppProtocols))
    {
        Default = InstanceValues.DefaultAppProtocol,
        DaprdFlag = "--app-protocol",
    };

    /// <summary>Name of a Dapr Configuration in the app's namespace.</summary>
    public static readonly InstanceSetting Config = new(DaprSharedKeys.Config, "config",
        SettingValue.Text(spec => spec.Config, (spec, value) => spec.Config = value, InstanceValues.IsValidConfig, InstanceValues.ConfigPattern, InstanceValues.MaxConfigLength))
    {
        DaprdFlag = "--config",
        IsDaprdOption = true,
        Invalid = "not a valid Configuration name; none used",
    };

    /// <summary>daprd's log level.</summary>
    public static readonly InstanceSetting LogLevel = new(DaprSharedKeys.LogLevel, "logLevel",
        SettingValue.Choice(spec => spec.LogLevel, (spec, value) => spec.LogLevel = value, InstanceValues.LogLevels))
    {
        Default = InstanceValues.DefaultLogLevel,
        DaprdFlag = "--log-level",
        IsDaprdOption = true,
    };

    /// <summary>daprd logs as JSON; unset = the cluster-wide <see cref="ControllerSettings.LogAsJson"/>.</summary>
    public static readonly InstanceSetting LogAsJson = new("dapr-shared.io/log-as-json", "logAsJson",
        SettingValue.Boolean(spec => spec.LogAsJson, (spec, value) => spec.LogAsJson = value))
    {
        ConfiguredDefault = controller => controller.LogAsJson ? "true" : "false",
        DaprdFlag = "--log-as-json",
        IsDaprdOption = true,
    };

    /// <summary>Replicas of the deployment strategy.</summary>
    public static readonly InstanceSetting Replicas = new(DaprSharedKeys.Replicas, "replicas",
        SettingValue.Integer(spec => spec.Replicas, (spec, value) => spec.Replicas = value, InstanceValues.MinReplicas, InstanceValues.MaxReplicas))
    {
        Default = InstanceValues.DefaultReplicas.ToString(CultureInfo.InvariantCulture),
        Invalid = $"not a number in {InstanceValues.MinReplicas}-{InstanceValues.MaxReplicas}; using {InstanceValues.DefaultReplicas}",
    };

    /// <summary>Every setting, in the order they are read, reported and documented.</summary>
    public static IReadOnlyList<InstanceSetting> All { get; } = [AppId, Strategy, AppPort, AppChannelAddress, AppProtocol, Config, LogLevel, LogAsJson, Replicas];

    /// <summary>The settings that are nothing but a daprd flag, in the order their flags are passed.</summary>
    public static IReadOnlyList<InstanceSetting> DaprdOptions { get; } = [.. All.Where(s => s.IsDaprdOption)];

    /// <summary>Every annotation a setting is read from, each followed by its fallback.</summary>
    public static IReadOnlyList<string> AnnotationKeys { get; } =
        [.. All.SelectMany(s => s.FallbackAnnotation is { } fallback ? new[] { s.Annotation, fallback } : [s.Annotation])];
}
