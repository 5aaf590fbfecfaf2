using DaprShared.Core.Contract;

namespace DaprShared.Core.Instances;

/// <summary>Labels and annotations of the objects the controller creates. The daprd pods deliberately do NOT carry
/// <c>dapr-shared.io/app-id</c>: that label marks app pods (the webhook sets it and the controller watches it).</summary>
public static class InstanceLabels
{
    public const string NameKey = "app.kubernetes.io/name";
    public const string InstanceKey = "app.kubernetes.io/instance";
    public const string ComponentKey = "app.kubernetes.io/component";

    public const string NameValue = "dapr-shared";
    public const string DaprdComponent = "daprd";
    public const string TrustAnchorsComponent = "trust-anchors";

    /// <summary>On every top-level object of an instance.</summary>
    public static Dictionary<string, string> Common(string appId) => Sorted(
        (ComponentKey, DaprdComponent),
        (InstanceKey, appId),
        (DaprSharedKeys.ManagedByLabel, DaprSharedKeys.ManagedByValue),
        (NameKey, NameValue),
        (DaprSharedKeys.AppIdLabel, appId));

    /// <summary>The workload selector (immutable once created, so it never changes between versions).</summary>
    public static Dictionary<string, string> Selector(string appId) => Sorted(
        (ComponentKey, DaprdComponent),
        (InstanceKey, appId),
        (NameKey, NameValue));

    /// <summary>daprd pod labels: the selector, the managed-by label and Dapr's own <c>dapr.io/app-id</c>.</summary>
    public static Dictionary<string, string> Pod(string appId) => Sorted(
        (ComponentKey, DaprdComponent),
        (InstanceKey, appId),
        (DaprSharedKeys.ManagedByLabel, DaprSharedKeys.ManagedByValue),
        (NameKey, NameValue),
        (DaprSharedKeys.DaprAppId, appId));

    /// <summary>The namespace-wide trust-anchors ConfigMap belongs to no single app-id.</summary>
    public static Dictionary<string, string> TrustAnchors() => Sorted(
        (ComponentKey, TrustAnchorsComponent),
        (DaprSharedKeys.ManagedByLabel, DaprSharedKeys.ManagedByValue),
        (NameKey, NameValue));

    /// <summary>Insertion in ordinal key order, so serialised output is deterministic.</summary>
    internal static Dictionary<string, string> Sorted(params (string Key, string Value)[] pairs)
    {
        var result = new Dictionary<string, string>(pairs.Length, StringComparer.Ordinal);
        foreach (var (key, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            result[key] = value;
        }

        return result;
    }
}
