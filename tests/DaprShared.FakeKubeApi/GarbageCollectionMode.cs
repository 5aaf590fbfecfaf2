namespace DaprShared.FakeKubeApi;

/// <summary>What happens to the dependents (objects with an ownerReference to it) of a deleted object.</summary>
public enum GarbageCollectionMode
{
    /// <summary>Removed shortly afterwards on a background task, like kube-controller-manager.</summary>
    Background,

    /// <summary>Removed before the DELETE request returns (handy for deterministic tests).</summary>
    Synchronous,

    /// <summary>Left alone (a cluster without kube-controller-manager).</summary>
    Off,
}
