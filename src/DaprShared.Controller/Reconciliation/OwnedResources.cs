using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Runtime;
using DaprShared.Core.Contract;
using DaprShared.Kubernetes.Api;
using DaprShared.Kubernetes.Runtime;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Reconciliation;

/// <summary>One <see cref="IOwnedKind"/> per row of <see cref="OwnedKinds"/>, each with a watch cache of the objects
/// that carry the managed-by label.</summary>
internal sealed class OwnedResources
{
    private readonly Dictionary<(string ApiVersion, string Kind), IOwnedKind> kinds = [];

    public OwnedResources(KubernetesApiClient client, InformerSettings settings, ControllerMetrics metrics, ILoggerFactory loggers)
    {
        var selector = $"{DaprSharedKeys.ManagedByLabel}={DaprSharedKeys.ManagedByValue}";
        foreach (var declaration in OwnedKinds.All)
        {
            var kind = declaration.Create(client, selector, settings, metrics, loggers);
            kinds[(kind.ApiVersion, kind.Kind)] = kind;
        }
    }

    public OwnedKind<V1DaemonSet> DaemonSets => Of(OwnedKinds.DaemonSets);

    public OwnedKind<V1Deployment> Deployments => Of(OwnedKinds.Deployments);

    public IEnumerable<IOwnedKind> All => kinds.Values;

    public IOwnedKind For(string apiVersion, string kind) =>
        kinds.TryGetValue((apiVersion, kind), out var owned)
            ? owned
            : throw new InvalidOperationException($"the controller does not manage {apiVersion} {kind}");

    public OwnedKind<T> Of<T, TList>(OwnedKindDeclaration<T, TList> declaration)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TList : class, IKubernetesObject<V1ListMeta>, IItems<T> =>
        (OwnedKind<T>)For(declaration.ApiVersion, declaration.Kind);
}
