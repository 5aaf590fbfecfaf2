using System.Collections.Concurrent;

namespace DaprShared.FakeKubeApi;

/// <summary>The resources the fake knows. Requests for anything else get 404, like a real server without that API.
/// Tests add custom resources (CRDs) with <see cref="Register"/>.</summary>
public sealed class ResourceTypeRegistry
{
    private readonly ConcurrentDictionary<(string Group, string Version, string Plural), ResourceType> byPath = new();
    private readonly ConcurrentDictionary<(string ApiVersion, string Kind), ResourceType> byKind = new();

    public ResourceTypeRegistry(bool includeBuiltIns = true)
    {
        if (includeBuiltIns)
        {
            foreach (var type in BuiltIns)
            {
                Register(type);
            }
        }
    }

    /// <summary>The Kubernetes resources registered by default.</summary>
    public static IReadOnlyList<ResourceType> BuiltIns { get; } =
    [
        new("", "v1", "namespaces", "Namespace", Namespaced: false, HasStatusSubresource: true) { ReturnsDeletedObject = true },
        new("", "v1", "pods", "Pod", Namespaced: true, HasStatusSubresource: true) { ReturnsDeletedObject = true },
        new("", "v1", "services", "Service", Namespaced: true, HasStatusSubresource: true) { ReturnsDeletedObject = true },
        new("", "v1", "serviceaccounts", "ServiceAccount", Namespaced: true) { ReturnsDeletedObject = true },
        new("", "v1", "secrets", "Secret", Namespaced: true),
        new("", "v1", "configmaps", "ConfigMap", Namespaced: true),
        new("", "v1", "events", "Event", Namespaced: true),
        new("", "v1", "endpoints", "Endpoints", Namespaced: true),
        new("", "v1", "nodes", "Node", Namespaced: false, HasStatusSubresource: true),
        new("apps", "v1", "deployments", "Deployment", Namespaced: true, HasStatusSubresource: true),
        new("apps", "v1", "daemonsets", "DaemonSet", Namespaced: true, HasStatusSubresource: true),
        new("apps", "v1", "statefulsets", "StatefulSet", Namespaced: true, HasStatusSubresource: true),
        new("apps", "v1", "replicasets", "ReplicaSet", Namespaced: true, HasStatusSubresource: true),
        new("batch", "v1", "jobs", "Job", Namespaced: true, HasStatusSubresource: true),
        new("batch", "v1", "cronjobs", "CronJob", Namespaced: true, HasStatusSubresource: true),
        new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", Namespaced: true, HasStatusSubresource: true),
        new("coordination.k8s.io", "v1", "leases", "Lease", Namespaced: true),
        new("events.k8s.io", "v1", "events", "Event", Namespaced: true),
        new("rbac.authorization.k8s.io", "v1", "roles", "Role", Namespaced: true),
        new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", Namespaced: true),
        new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", Namespaced: false),
        new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", Namespaced: false),
        new("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", Namespaced: false),
        new("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", Namespaced: false),
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false, HasStatusSubresource: true),
    ];

    public IReadOnlyCollection<ResourceType> All => byPath.Values.ToArray();

    /// <summary>Adds (or replaces) a resource, e.g. a custom resource definition's served version.</summary>
    public ResourceType Register(ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        byPath[(type.Group, type.Version, type.Plural)] = type;
        byKind[(type.ApiVersion, type.Kind)] = type;
        return type;
    }

    public bool TryGet(string group, string version, string plural, out ResourceType type) =>
        byPath.TryGetValue((group, version, plural), out type!);

    public bool TryGetByKind(string apiVersion, string kind, out ResourceType type) =>
        byKind.TryGetValue((apiVersion, kind), out type!);

    public ResourceType GetByKind(string apiVersion, string kind) =>
        TryGetByKind(apiVersion, kind, out var type)
            ? type
            : throw new InvalidOperationException($"The fake API server does not know {apiVersion} {kind}; register it first.");
}
