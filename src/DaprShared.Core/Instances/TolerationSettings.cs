namespace DaprShared.Core.Instances;

/// <summary>One toleration for the daprd pods, with configuration keys named like the Kubernetes fields
/// (<c>Controller:Tolerations:0:Operator</c>), which binding straight to <c>V1Toleration</c> would not give.</summary>
public sealed class TolerationSettings
{
    public string Key { get; set; } = "";

    /// <summary><c>Exists</c> or <c>Equal</c> (empty = Equal).</summary>
    public string Operator { get; set; } = "";

    public string Value { get; set; } = "";

    /// <summary><c>NoSchedule</c>, <c>PreferNoSchedule</c>, <c>NoExecute</c>, or empty for all.</summary>
    public string Effect { get; set; } = "";

    /// <summary>Only with <c>NoExecute</c>.</summary>
    public long? TolerationSeconds { get; set; }
}
