using DaprShared.Controller.Api;
using DaprShared.Core.Instances;
using k8s.Models;

namespace DaprShared.Controller.Runtime;

/// <summary>The list/watch sources the controller uses, one factory per kind, all cluster-wide unless noted.</summary>
public static class KubernetesSources
{
    private static KubernetesModelJson Json => KubernetesModelJson.Default;

    public static IWatchSource<DaprSharedInstance> Instances(KubernetesApiClient client) =>
        new ApiWatchSource<DaprSharedInstance, DaprSharedInstanceList>(client, ApiResources.Instances, Json.DaprSharedInstanceList, null, new ListOptions());

    /// <summary>Pod metadata only, optionally restricted by a label selector.</summary>
    public static IWatchSource<V1Pod> PodMetadata(KubernetesApiClient client, string? labelSelector) =>
        new ApiWatchSource<V1Pod, V1PodList>(client, ApiResources.Pods, Json.V1PodList, null, new ListOptions(LabelSelector: labelSelector, MetadataOnly: true));

    public static IWatchSource<V1ServiceAccount> ServiceAccounts(KubernetesApiClient client, string labelSelector) =>
        new ApiWatchSource<V1ServiceAccount, V1ServiceAccountList>(client, ApiResources.ServiceAccounts, Json.V1ServiceAccountList, null, new ListOptions(labelSelector));

    public static IWatchSource<V1Service> Services(KubernetesApiClient client, string labelSelector) =>
        new ApiWatchSource<V1Service, V1ServiceList>(client, ApiResources.Services, Json.V1ServiceList, null, new ListOptions(labelSelector));

    public static IWatchSource<V1ConfigMap> ConfigMaps(KubernetesApiClient client, string labelSelector) =>
        new ApiWatchSource<V1ConfigMap, V1ConfigMapList>(client, ApiResources.ConfigMaps, Json.V1ConfigMapList, null, new ListOptions(labelSelector));

    /// <summary>One named ConfigMap in one namespace (Dapr's trust bundle): RBAC can restrict this to the name.</summary>
    public static IWatchSource<V1ConfigMap> NamedConfigMap(KubernetesApiClient client, string @namespace, string name) =>
        new ApiWatchSource<V1ConfigMap, V1ConfigMapList>(
            client, ApiResources.ConfigMaps, Json.V1ConfigMapList, @namespace, new ListOptions(FieldSelector: "metadata.name=" + name), "configmaps/" + name);

    public static IWatchSource<V1DaemonSet> DaemonSets(KubernetesApiClient client, string labelSelector) =>
        new ApiWatchSource<V1DaemonSet, V1DaemonSetList>(client, ApiResources.DaemonSets, Json.V1DaemonSetList, null, new ListOptions(labelSelector));

    public static IWatchSource<V1Deployment> Deployments(KubernetesApiClient client, string labelSelector) =>
        new ApiWatchSource<V1Deployment, V1DeploymentList>(client, ApiResources.Deployments, Json.V1DeploymentList, null, new ListOptions(labelSelector));

    public static IWatchSource<V1PodDisruptionBudget> PodDisruptionBudgets(KubernetesApiClient client, string labelSelector) =>
        new ApiWatchSource<V1PodDisruptionBudget, V1PodDisruptionBudgetList>(
            client, ApiResources.PodDisruptionBudgets, Json.V1PodDisruptionBudgetList, null, new ListOptions(labelSelector));
}
