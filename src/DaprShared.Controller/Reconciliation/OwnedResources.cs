using DaprShared.Controller.Api;
using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Runtime;
using DaprShared.Core.Contract;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Reconciliation;

/// <summary>Every kind the controller applies, each with a watch cache of the objects that carry the managed-by
/// label. The API-token Secret is deliberately not here: the controller never lists, watches or reads Secrets.</summary>
internal sealed class OwnedResources
{
    private readonly Dictionary<(string ApiVersion, string Kind), IOwnedKind> kinds = [];

    public OwnedResources(KubernetesApiClient client, InformerSettings settings, ControllerMetrics metrics, ILoggerFactory loggers)
    {
        var selector = $"{DaprSharedKeys.ManagedByLabel}={DaprSharedKeys.ManagedByValue}";
        ServiceAccounts = Own("v1", V1ServiceAccount.KubeKind, KubernetesSources.ServiceAccounts, ApiResources.ServiceAccounts);
        Services = Own("v1", V1Service.KubeKind, KubernetesSources.Services, ApiResources.Services);
        ConfigMaps = Own("v1", V1ConfigMap.KubeKind, KubernetesSources.ConfigMaps, ApiResources.ConfigMaps);
        DaemonSets = Own("apps/v1", V1DaemonSet.KubeKind, KubernetesSources.DaemonSets, ApiResources.DaemonSets);
        Deployments = Own("apps/v1", V1Deployment.KubeKind, KubernetesSources.Deployments, ApiResources.Deployments);
        PodDisruptionBudgets = Own("policy/v1", V1PodDisruptionBudget.KubeKind, KubernetesSources.PodDisruptionBudgets, ApiResources.PodDisruptionBudgets);

        OwnedKind<T> Own<T>(string apiVersion, string kind, Func<KubernetesApiClient, string, IWatchSource<T>> source, ApiResource<T> resource)
            where T : class, IKubernetesObject<V1ObjectMeta>
        {
            var informer = new Informer<T>(source(client, selector), settings, metrics, loggers.CreateLogger<Informer<T>>());
            return Add(new OwnedKind<T>(apiVersion, kind, informer, metrics, client, resource));
        }
    }

    public OwnedKind<V1ServiceAccount> ServiceAccounts { get; }

    public OwnedKind<V1Service> Services { get; }

    public OwnedKind<V1ConfigMap> ConfigMaps { get; }

    public OwnedKind<V1DaemonSet> DaemonSets { get; }

    public OwnedKind<V1Deployment> Deployments { get; }

    public OwnedKind<V1PodDisruptionBudget> PodDisruptionBudgets { get; }

    public IEnumerable<IOwnedKind> All => kinds.Values;

    public IOwnedKind For(string apiVersion, string kind) =>
        kinds.TryGetValue((apiVersion, kind), out var owned)
            ? owned
            : throw new InvalidOperationException($"the controller does not manage {apiVersion} {kind}");

    private OwnedKind<T> Add<T>(OwnedKind<T> kind)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        kinds[(kind.ApiVersion, kind.Kind)] = kind;
        return kind;
    }
}
