namespace DaprShared.Core.Instances;

/// <summary>Condition types and reasons of <see cref="DaprSharedInstanceStatus.Conditions"/>: stable strings
/// (CamelCase, as Kubernetes conventions ask for condition reasons).</summary>
public static class InstanceConditions
{
    public const string Ready = "Ready";
    public const string Conflict = "Conflict";

    public const string StatusTrue = "True";
    public const string StatusFalse = "False";

    public const string ReasonAvailable = "WorkloadAvailable";
    public const string ReasonUnavailable = "WorkloadUnavailable";
    public const string ReasonProgressing = "WorkloadProgressing";
    public const string ReasonInvalidSpec = "InvalidSpec";
    public const string ReasonUnmanagedObject = "UnmanagedObjectExists";
    public const string ReasonNoConflict = "NoConflict";
    public const string ReasonTrustAnchorsMissing = "TrustAnchorsMissing";
}
