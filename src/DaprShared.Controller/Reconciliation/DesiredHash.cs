using System.Security.Cryptography;
using System.Text;
using DaprShared.Controller.Api;
using DaprShared.Kubernetes.Api;
using DaprShared.Core.Contract;
using k8s;
using k8s.Models;

namespace DaprShared.Controller.Reconciliation;

/// <summary>A hash of a whole desired object, stored in an annotation on it. A subset check cannot see that a
/// field was dropped from the desired state (the live object still has it, so it "contains" the desired one);
/// a changed hash can, and then an apply with our single field manager removes the field.</summary>
public static class DesiredHash
{
    /// <summary>Adds the annotation to <paramref name="desired"/> (in place) and returns it.</summary>
    public static T Stamp<T>(T desired)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(desired);
        // Hash the object as if it never had the annotation: an emptied map must hash like a missing one.
        desired.Metadata.Annotations?.Remove(DaprSharedKeys.DesiredHashAnnotation);
        if (desired.Metadata.Annotations is { Count: 0 })
        {
            desired.Metadata.Annotations = null;
        }

        var hash = Compute(desired);
        desired.Metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        desired.Metadata.Annotations[DaprSharedKeys.DesiredHashAnnotation] = hash;
        return desired;
    }

    public static string Compute(object desired)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(DaprSharedApi.Models.Serialize(desired)));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 16));
    }
}
