using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Runtime;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.Kubernetes.Api;
using DaprShared.Kubernetes.Runtime;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Reconciliation;

/// <summary>Every watch cache of one leadership term.</summary>
internal sealed class ClusterCaches
{
    public ClusterCaches(KubernetesApiClient client, InformerSettings settings, ControllerSettings controller, bool detectMissedPods, ControllerMetrics metrics, ILoggerFactory loggers)
    {
        Instances = new Informer<DaprSharedInstance>(KubernetesSources.Instances(client), settings, metrics, loggers.CreateLogger<Informer<DaprSharedInstance>>());

        // Missed pods carry no label of ours, so finding them means watching every pod's metadata; without that
        // feature only the pods the webhook labelled are watched.
        Pods = detectMissedPods
            ? new Informer<V1Pod>(KubernetesSources.PodMetadata(client, null), settings, metrics, loggers.CreateLogger<Informer<V1Pod>>(), PodMetadataRules.IsRelevant)
            : new Informer<V1Pod>(KubernetesSources.PodMetadata(client, DaprSharedKeys.AppIdLabel), settings, metrics, loggers.CreateLogger<Informer<V1Pod>>());
        TrustBundle = new Informer<V1ConfigMap>(
            KubernetesSources.NamedConfigMap(client, controller.ControlPlaneNamespace, SharedObjectNames.DaprTrustBundleConfigMap),
            settings,
            metrics,
            loggers.CreateLogger<Informer<V1ConfigMap>>());
        Owned = new OwnedResources(client, settings, metrics, loggers);
    }

    public Informer<DaprSharedInstance> Instances { get; }

    public Informer<V1Pod> Pods { get; }

    public Informer<V1ConfigMap> TrustBundle { get; }

    public OwnedResources Owned { get; }

    public IEnumerable<IInformer> All => new IInformer[] { Instances, Pods, TrustBundle }.Concat(Owned.All.Select(k => k.Informer));

    /// <summary>The public root certificate from Dapr's trust bundle, or null when it is missing.</summary>
    public string? TrustAnchors(ControllerSettings controller) =>
        TrustBundle.TryGet(controller.ControlPlaneNamespace, SharedObjectNames.DaprTrustBundleConfigMap, out var bundle)
        && bundle.Data is { } data
        && data.TryGetValue(SharedObjectNames.TrustAnchorsKey, out var pem)
        && !string.IsNullOrWhiteSpace(pem)
            ? pem
            : null;
}
