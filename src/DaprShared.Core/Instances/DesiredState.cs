using k8s;
using k8s.Models;

namespace DaprShared.Core.Instances;

/// <summary>Every object one instance needs (except the API-token Secret and the shared trust-anchors ConfigMap,
/// see <see cref="DesiredStateBuilder.ApiTokenSecret"/> and <see cref="DesiredStateBuilder.TrustAnchorsConfigMap"/>).
/// Each object carries namespace, owner reference and labels; apply them with server-side apply.</summary>
public sealed class DesiredState
{
    public required ResolvedInstanceSpec Spec { get; init; }

    public required V1ServiceAccount ServiceAccount { get; init; }

    /// <summary>Set for the daemonset strategy, otherwise null.</summary>
    public V1DaemonSet? DaemonSet { get; init; }

    /// <summary>Set for the deployment strategy, otherwise null.</summary>
    public V1Deployment? Deployment { get; init; }

    /// <summary>Service <c>&lt;app-id&gt;-dapr</c>.</summary>
    public required V1Service Service { get; init; }

    /// <summary>Service <c>&lt;app-id&gt;-dapr-local</c> (daemonset strategy), otherwise null.</summary>
    public V1Service? LocalService { get; init; }

    /// <summary>Set for the deployment strategy, otherwise null.</summary>
    public V1PodDisruptionBudget? PodDisruptionBudget { get; init; }

    /// <summary>The values for <see cref="DaprSharedInstanceStatus.Endpoints"/>.</summary>
    public required InstanceEndpoints Endpoints { get; init; }

    /// <summary>The objects above that exist for this strategy, in apply order (dependencies first, workload last).</summary>
    public required IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects { get; init; }

    /// <summary>Objects of the other strategy with our names: delete them if (and only if) this instance owns them,
    /// e.g. after the strategy changed.</summary>
    public required IReadOnlyList<OwnedObjectRef> Unwanted { get; init; }
}
