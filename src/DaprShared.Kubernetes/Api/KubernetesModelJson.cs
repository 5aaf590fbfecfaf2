using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace DaprShared.Kubernetes.Api;

/// <summary>Source-generated JSON for exactly the built-in Kubernetes objects of <see cref="ApiResources"/>, with the
/// options and converters of KubernetesClient's own serializer (so the bytes, and any hash of them, are the same).
/// KubernetesClient's <c>KubernetesJson</c> is never used: its context covers every model of every API group, and
/// linking it made the Native AOT binary twice as large and 20 MiB heavier in memory (README.md). A custom resource
/// gets a context of its own with these same options (<see cref="JsonSourceGenerationOptionsAttribute"/> below).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    Converters = [typeof(KubernetesJson.Iso8601TimeSpanConverter), typeof(KubernetesJson.KubernetesDateTimeConverter), typeof(KubernetesJson.KubernetesDateTimeOffsetConverter)])]
[JsonSerializable(typeof(V1ServiceAccount))]
[JsonSerializable(typeof(V1ServiceAccountList))]
[JsonSerializable(typeof(V1Service))]
[JsonSerializable(typeof(V1ServiceList))]
[JsonSerializable(typeof(V1ConfigMap))]
[JsonSerializable(typeof(V1ConfigMapList))]
[JsonSerializable(typeof(V1DaemonSet))]
[JsonSerializable(typeof(V1DaemonSetList))]
[JsonSerializable(typeof(V1Deployment))]
[JsonSerializable(typeof(V1DeploymentList))]
[JsonSerializable(typeof(V1PodDisruptionBudget))]
[JsonSerializable(typeof(V1PodDisruptionBudgetList))]
[JsonSerializable(typeof(V1Pod))]
[JsonSerializable(typeof(V1PodList))]
[JsonSerializable(typeof(V1Secret))]
[JsonSerializable(typeof(V1Lease))]
[JsonSerializable(typeof(Corev1Event))]
[JsonSerializable(typeof(V1MutatingWebhookConfiguration))]
[JsonSerializable(typeof(V1DeleteOptions))]
[JsonSerializable(typeof(V1Status))]
[JsonSerializable(typeof(JsonElement))] // object-typed fields (managedFields[].fieldsV1) read back as JsonElement
public sealed partial class KubernetesModelJson : JsonSerializerContext
{
}
