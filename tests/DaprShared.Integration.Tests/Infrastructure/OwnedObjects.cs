using DaprShared.Core.Contract;
using k8s.Models;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>The objects one instance can own, as read from the API server.</summary>
public sealed record OwnedObjects(
    V1ServiceAccount? ServiceAccount,
    V1DaemonSet? DaemonSet,
    V1Deployment? Deployment,
    V1Service? Service,
    V1Service? LocalService,
    V1Secret? Secret,
    V1ConfigMap? TrustAnchors,
    V1PodDisruptionBudget? PodDisruptionBudget)
{
    /// <summary>Every object that exists, by kind and name.</summary>
    public IReadOnlyList<(string Kind, V1ObjectMeta Metadata)> Present =>
        new (string Kind, V1ObjectMeta? Metadata)[]
        {
            ("ServiceAccount", ServiceAccount?.Metadata),
            ("DaemonSet", DaemonSet?.Metadata),
            ("Deployment", Deployment?.Metadata),
            ("Service", Service?.Metadata),
            ("Service", LocalService?.Metadata),
            ("Secret", Secret?.Metadata),
            ("ConfigMap", TrustAnchors?.Metadata),
            ("PodDisruptionBudget", PodDisruptionBudget?.Metadata),
        }.Where(p => p.Metadata is not null).Select(p => (p.Kind, p.Metadata!)).ToList();

    /// <summary>Name → resourceVersion of every present object.</summary>
    public IReadOnlyDictionary<string, string> ResourceVersions =>
        Present.ToDictionary(p => $"{p.Kind} {p.Metadata.Name}", p => p.Metadata.ResourceVersion, StringComparer.Ordinal);

    /// <summary>What is still missing or wrong for <paramref name="strategy"/>; null when every object is there and
    /// owned by <paramref name="ownerUid"/>.</summary>
    public string? Problem(SharedStrategy strategy, string ownerUid)
    {
        var wanted = new List<(string Kind, V1ObjectMeta? Metadata)>
        {
            ("ServiceAccount", ServiceAccount?.Metadata),
            ("Service <app-id>-dapr", Service?.Metadata),
            ("Secret", Secret?.Metadata),
            ("trust-anchors ConfigMap", TrustAnchors?.Metadata),
        };
        var unwanted = new List<(string Kind, V1ObjectMeta? Metadata)>();
        if (strategy == SharedStrategy.DaemonSet)
        {
            wanted.Add(("DaemonSet", DaemonSet?.Metadata));
            wanted.Add(("Service <app-id>-dapr-local", LocalService?.Metadata));
            unwanted.Add(("Deployment", Deployment?.Metadata));
            unwanted.Add(("PodDisruptionBudget", PodDisruptionBudget?.Metadata));
        }
        else
        {
            wanted.Add(("Deployment", Deployment?.Metadata));
            wanted.Add(("PodDisruptionBudget", PodDisruptionBudget?.Metadata));
            unwanted.Add(("DaemonSet", DaemonSet?.Metadata));
            unwanted.Add(("Service <app-id>-dapr-local", LocalService?.Metadata));
        }

        var problems = wanted.Where(w => w.Metadata is null).Select(w => "missing " + w.Kind)
            .Concat(wanted.Where(w => w.Metadata is not null && w.Metadata.OwnerReferences?.Any(r => r.Uid == ownerUid) != true).Select(w => w.Kind + " not owned by " + ownerUid))
            .Concat(unwanted.Where(u => u.Metadata is not null).Select(u => "unexpected " + u.Kind))
            .ToList();
        return problems.Count == 0 ? null : string.Join(", ", problems);
    }
}
