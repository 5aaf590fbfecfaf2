using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Options;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.Kubernetes.Api;
using k8s;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Reconciliation;

/// <summary>Everything a leadership term of the controller works with.</summary>
internal sealed record ControllerEnvironment(
    KubernetesApiClient Client,
    ClusterSettings Cluster,
    ControllerSettings Settings,
    ReconcilerOptions Options,
    ControllerMetrics Metrics,
    ILoggerFactory Loggers,
    TimeProvider Time,
    string Identity,
    ControllerCacheStatus CacheStatus);
