namespace DaprShared.Core.Contract;

/// <summary>Where the shared daprd of an app-id runs.</summary>
public enum SharedStrategy
{
    /// <summary>One daprd per node (DaemonSet); apps reach the one on their own node.</summary>
    DaemonSet,

    /// <summary>One daprd Deployment per cluster.</summary>
    Deployment,
}

public static class SharedStrategyNames
{
    public const string DaemonSet = "daemonset";
    public const string Deployment = "deployment";

    public static string ToValue(this SharedStrategy strategy) =>
        strategy == SharedStrategy.Deployment ? Deployment : DaemonSet;

    /// <summary>Parses the annotation value, case-insensitively.</summary>
    public static bool TryParse(string? value, out SharedStrategy strategy)
    {
        if (string.Equals(value, DaemonSet, StringComparison.OrdinalIgnoreCase))
        {
            strategy = SharedStrategy.DaemonSet;
            return true;
        }

        if (string.Equals(value, Deployment, StringComparison.OrdinalIgnoreCase))
        {
            strategy = SharedStrategy.Deployment;
            return true;
        }

        strategy = default;
        return false;
    }
}
