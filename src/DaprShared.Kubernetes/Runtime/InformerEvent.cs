using k8s;

namespace DaprShared.Kubernetes.Runtime;

/// <summary>A change an informer observed: <paramref name="Old"/> is null for Added, <paramref name="New"/> is the
/// last known state for Deleted.</summary>
public sealed record InformerEvent<T>(WatchEventType Type, T? Old, T New);
