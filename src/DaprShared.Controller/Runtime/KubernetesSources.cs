using DaprShared.Controller.Api;
using DaprShared.Core.Instances;
using DaprShared.Kubernetes.Api;
using DaprShared.Kubernetes.Runtime;
using k8s.Models;

namespace DaprShared.Controller.Runtime;

/// <summary>The list/watch sources the controller uses besides those of the kinds it applies (Reconciliation.OwnedKinds
/// makes those), all cluster-wide unless noted.</summary>
public static class KubernetesSources
{
    private static KubernetesModelJson Json => KubernetesModelJson.Default;

    public static IWatchSource<DaprSharedInstance> Instances(KubernetesApiClient client) =>
        new ApiWatchSource<DaprSharedInstance, DaprSharedInstanceList>(client, DaprSharedApi.Instances, DaprSharedApi.InstanceList, null, new ListOptions());

    /// <summary>Pod metadata only, optionally restricted by a label selector.</summary>
    public static IWatchSource<V1Pod> PodMetadata(KubernetesApiClient client, string? labelSelector) =>
        new ApiWatchSource<V1Pod, V1PodList>(client, ApiResources.Pods, Json.V1PodList, null, new ListOptions(LabelSelector: labelSelector, MetadataOnly: true));

    /// <summary>One named ConfigMap in one namespace (Dapr's trust bundle): RBAC can restrict this to the name.</summary>
    public static IWatchSource<V1ConfigMap> NamedConfigMap(KubernetesApiClient client, string @namespace, string name) =>
        new ApiWatchSource<V1ConfigMap, V1ConfigMapList>(
            client, ApiResources.ConfigMaps, Json.V1ConfigMapList, @namespace, new ListOptions(FieldSelector: "metadata.name=" + name), "configmaps/" + name);
}
