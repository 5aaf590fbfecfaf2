using k8s.Models;

namespace DaprShared.Kubernetes.Api;

/// <summary>The built-in kinds the kit reads and writes, and nothing else. A custom resource is declared where it is
/// owned, as an <see cref="ApiResource{T}"/> over its own source-generated JSON context.</summary>
public static class ApiResources
{
    private static KubernetesModelJson Json => KubernetesModelJson.Default;

    public static ApiResource<V1ServiceAccount> ServiceAccounts { get; } = new("", "v1", "serviceaccounts", Json.V1ServiceAccount);

    public static ApiResource<V1Service> Services { get; } = new("", "v1", "services", Json.V1Service);

    public static ApiResource<V1ConfigMap> ConfigMaps { get; } = new("", "v1", "configmaps", Json.V1ConfigMap);

    public static ApiResource<V1Pod> Pods { get; } = new("", "v1", "pods", Json.V1Pod);

    public static ApiResource<V1Secret> Secrets { get; } = new("", "v1", "secrets", Json.V1Secret);

    public static ApiResource<Corev1Event> Events { get; } = new("", "v1", "events", Json.Corev1Event);

    public static ApiResource<V1DaemonSet> DaemonSets { get; } = new("apps", "v1", "daemonsets", Json.V1DaemonSet);

    public static ApiResource<V1Deployment> Deployments { get; } = new("apps", "v1", "deployments", Json.V1Deployment);

    public static ApiResource<V1PodDisruptionBudget> PodDisruptionBudgets { get; } = new("policy", "v1", "poddisruptionbudgets", Json.V1PodDisruptionBudget);

    public static ApiResource<V1Lease> Leases { get; } = new("coordination.k8s.io", "v1", "leases", Json.V1Lease);

    public static ApiResource<V1MutatingWebhookConfiguration> MutatingWebhookConfigurations { get; } =
        new("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", Json.V1MutatingWebhookConfiguration);
}
