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

    public OwnedResources(IKubernetes client, InformerSettings settings, ControllerMetrics metrics, ILoggerFactory loggers)
    {
        var selector = $"{DaprSharedKeys.ManagedByLabel}={DaprSharedKeys.ManagedByValue}";
        const string Manager = DaprSharedKeys.FieldManager;

        ServiceAccounts = Own<V1ServiceAccount>(
            "v1", V1ServiceAccount.KubeKind, KubernetesSources.ServiceAccounts,
            (ns, name, ct) => client.CoreV1.ReadNamespacedServiceAccountAsync(name, ns, cancellationToken: ct),
            (patch, ns, name, force, ct) => client.CoreV1.PatchNamespacedServiceAccountAsync(patch, name, ns, fieldManager: Manager, force: force, cancellationToken: ct),
            (ns, name, options, ct) => client.CoreV1.DeleteNamespacedServiceAccountAsync(name, ns, options, cancellationToken: ct));

        Services = Own<V1Service>(
            "v1", V1Service.KubeKind, KubernetesSources.Services,
            (ns, name, ct) => client.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: ct),
            (patch, ns, name, force, ct) => client.CoreV1.PatchNamespacedServiceAsync(patch, name, ns, fieldManager: Manager, force: force, cancellationToken: ct),
            (ns, name, options, ct) => client.CoreV1.DeleteNamespacedServiceAsync(name, ns, options, cancellationToken: ct));

        ConfigMaps = Own<V1ConfigMap>(
            "v1", V1ConfigMap.KubeKind, KubernetesSources.ConfigMaps,
            (ns, name, ct) => client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct),
            (patch, ns, name, force, ct) => client.CoreV1.PatchNamespacedConfigMapAsync(patch, name, ns, fieldManager: Manager, force: force, cancellationToken: ct),
            (ns, name, options, ct) => client.CoreV1.DeleteNamespacedConfigMapAsync(name, ns, options, cancellationToken: ct));

        DaemonSets = Own<V1DaemonSet>(
            "apps/v1", V1DaemonSet.KubeKind, KubernetesSources.DaemonSets,
            (ns, name, ct) => client.AppsV1.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: ct),
            (patch, ns, name, force, ct) => client.AppsV1.PatchNamespacedDaemonSetAsync(patch, name, ns, fieldManager: Manager, force: force, cancellationToken: ct),
            (ns, name, options, ct) => client.AppsV1.DeleteNamespacedDaemonSetAsync(name, ns, options, cancellationToken: ct));

        Deployments = Own<V1Deployment>(
            "apps/v1", V1Deployment.KubeKind, KubernetesSources.Deployments,
            (ns, name, ct) => client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: ct),
            (patch, ns, name, force, ct) => client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, ns, fieldManager: Manager, force: force, cancellationToken: ct),
            (ns, name, options, ct) => client.AppsV1.DeleteNamespacedDeploymentAsync(name, ns, options, cancellationToken: ct));

        PodDisruptionBudgets = Own<V1PodDisruptionBudget>(
            "policy/v1", V1PodDisruptionBudget.KubeKind, KubernetesSources.PodDisruptionBudgets,
            (ns, name, ct) => client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync(name, ns, cancellationToken: ct),
            (patch, ns, name, force, ct) => client.PolicyV1.PatchNamespacedPodDisruptionBudgetAsync(patch, name, ns, fieldManager: Manager, force: force, cancellationToken: ct),
            (ns, name, options, ct) => client.PolicyV1.DeleteNamespacedPodDisruptionBudgetAsync(name, ns, options, cancellationToken: ct));

        // Each kind differs only in its generated client calls; the informer wiring is the same for all.
        OwnedKind<T> Own<T>(
            string apiVersion,
            string kind,
            Func<IKubernetes, string, IWatchSource<T>> source,
            Func<string, string, CancellationToken, Task<T>> read,
            Func<V1Patch, string, string, bool, CancellationToken, Task<T>> apply,
            Func<string, string, V1DeleteOptions, CancellationToken, Task> delete)
            where T : class, IKubernetesObject<V1ObjectMeta>
        {
            var informer = new Informer<T>(source(client, selector), settings, metrics, loggers.CreateLogger<Informer<T>>());
            return Add(new OwnedKind<T>(apiVersion, kind, informer, metrics, read, apply, delete));
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
