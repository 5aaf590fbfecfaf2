using DaprShared.Core.Contract;

namespace DaprShared.Core.Instances;

/// <summary>An instance spec with every default applied and every value validated: what the builder renders.</summary>
public sealed record ResolvedInstanceSpec
{
    public required string Namespace { get; init; }

    public required string AppId { get; init; }

    public required SharedStrategy Strategy { get; init; }

    public int? AppPort { get; init; }

    /// <summary>Set whenever <see cref="AppPort"/> is (explicit value or the derived default), otherwise null.</summary>
    public string? AppChannelAddress { get; init; }

    public required string AppProtocol { get; init; }

    /// <summary>The value of each <see cref="InstanceSettings.DaprdOptions">daprd option</see> the spec sets, or its
    /// fixed default; an option that is absent here gets its configured default, if any, when the flags are made.</summary>
    public required IReadOnlyDictionary<InstanceSetting, string> Options { get; init; }

    /// <summary>Meaningful for <see cref="SharedStrategy.Deployment"/> only; 1 otherwise.</summary>
    public required int Replicas { get; init; }
}
