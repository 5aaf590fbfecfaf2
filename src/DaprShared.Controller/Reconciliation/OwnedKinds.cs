using DaprShared.Controller.Api;
using DaprShared.Kubernetes.Api;
using k8s.Models;

namespace DaprShared.Controller.Reconciliation;

/// <summary>Every kind the controller applies, declared once. <see cref="OwnedResources"/> makes each one's watch
/// cache and calls from its row, and tests hold the ClusterRole in deploy/ to each row's verbs and the fake API server
/// to each row's resource. A new kind is a row here (plus its <see cref="ApiResources"/> entry and
/// <see cref="KubernetesModelJson"/> types, if the client does not know it yet, and its rule in the ClusterRole).
/// The API-token Secret is deliberately not here: the controller never lists, watches or reads Secrets.</summary>
internal static class OwnedKinds
{
    public static readonly OwnedKindDeclaration<V1ServiceAccount, V1ServiceAccountList> ServiceAccounts =
        new("v1", V1ServiceAccount.KubeKind, ApiResources.ServiceAccounts, Json.V1ServiceAccountList, Deletes: false);

    public static readonly OwnedKindDeclaration<V1Service, V1ServiceList> Services =
        new("v1", V1Service.KubeKind, ApiResources.Services, Json.V1ServiceList, Deletes: true);

    public static readonly OwnedKindDeclaration<V1ConfigMap, V1ConfigMapList> ConfigMaps =
        new("v1", V1ConfigMap.KubeKind, ApiResources.ConfigMaps, Json.V1ConfigMapList, Deletes: false);

    public static readonly OwnedKindDeclaration<V1DaemonSet, V1DaemonSetList> DaemonSets =
        new("apps/v1", V1DaemonSet.KubeKind, ApiResources.DaemonSets, Json.V1DaemonSetList, Deletes: true);

    public static readonly OwnedKindDeclaration<V1Deployment, V1DeploymentList> Deployments =
        new("apps/v1", V1Deployment.KubeKind, ApiResources.Deployments, Json.V1DeploymentList, Deletes: true);

    public static readonly OwnedKindDeclaration<V1PodDisruptionBudget, V1PodDisruptionBudgetList> PodDisruptionBudgets =
        new("policy/v1", V1PodDisruptionBudget.KubeKind, ApiResources.PodDisruptionBudgets, Json.V1PodDisruptionBudgetList, Deletes: true);

    public static IReadOnlyList<IOwnedKindDeclaration> All { get; } = [ServiceAccounts, Services, ConfigMaps, DaemonSets, Deployments, PodDisruptionBudgets];

    private static KubernetesModelJson Json => KubernetesModelJson.Default;
}
