using DaprShared.Core.Instances;
using k8s.Models;

namespace DaprShared.Controller.Reconciliation;

/// <summary>Which instance an object belongs to, read from its owner references: the same references that hand
/// the object to the garbage collector when the instance is deleted.</summary>
internal static class InstanceOwnership
{
    /// <summary>Owned by this very instance (by uid: an object of a deleted instance that had the same name is not
    /// ours).</summary>
    public static bool IsOwnedBy(V1ObjectMeta meta, DaprSharedInstance instance) =>
        meta.OwnerReferences?.Any(r => r.Uid == instance.Metadata.Uid) == true;

    /// <summary>Owned by at least one of these instances (the namespace-wide trust-anchors ConfigMap is owned by
    /// every instance of its namespace).</summary>
    public static bool IsOwnedByAny(V1ObjectMeta meta, IReadOnlySet<string> instanceUids) =>
        meta.OwnerReferences?.Any(r => instanceUids.Contains(r.Uid)) == true;

    /// <summary>The names of the instances an object names as owners: the instances to reconcile when it changes.</summary>
    public static IEnumerable<string> OwnerNames(V1ObjectMeta meta) =>
        (meta.OwnerReferences ?? [])
            .Where(r => r.Kind == DaprSharedInstance.EntityKind && r.ApiVersion == DaprSharedInstance.GroupVersion)
            .Select(r => r.Name);
}
