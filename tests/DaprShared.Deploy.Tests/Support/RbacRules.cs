using k8s.Models;

namespace DaprShared.Deploy.Tests.Support;

/// <summary>A policy rule together with where it applies: cluster-wide (ClusterRole) or in one namespace (Role).</summary>
public sealed record RbacRule(string Owner, string? Namespace, V1PolicyRule Rule)
{
    public bool ClusterWide => Namespace is null;

    public static IReadOnlyList<RbacRule> From(IReadOnlyList<object> objects) =>
        objects.OfType<V1ClusterRole>()
            .SelectMany(role => (role.Rules ?? []).Select(rule => new RbacRule("ClusterRole " + role.Metadata.Name, null, rule)))
            .Concat(objects.OfType<V1Role>()
                .SelectMany(role => (role.Rules ?? []).Select(rule =>
                    new RbacRule("Role " + role.Metadata.Name, role.Metadata.NamespaceProperty, rule))))
            .ToList();

    public bool Covers(string apiGroup, string resource) =>
        (Rule.ApiGroups ?? []).Contains(apiGroup) && (Rule.Resources ?? []).Contains(resource);
}
