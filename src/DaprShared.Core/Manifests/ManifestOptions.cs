using DaprShared.Core.Contract;

namespace DaprShared.Core.Manifests;

/// <summary>How <see cref="ManifestInjector"/> simulates the cluster a manifest is applied to.</summary>
public sealed record ManifestOptions
{
    /// <summary>Namespace for objects without <c>metadata.namespace</c> (kubectl's current namespace).</summary>
    public string DefaultNamespace { get; init; } = "default";

    /// <summary>Treat every namespace as labelled <c>dapr-shared.io/enabled=true</c>. Namespaces that carry the
    /// label in a <c>Namespace</c> object of the same input are opted in without it.</summary>
    public bool NamespaceOptedIn { get; init; }

    public ClusterSettings Settings { get; init; } = new();
}
