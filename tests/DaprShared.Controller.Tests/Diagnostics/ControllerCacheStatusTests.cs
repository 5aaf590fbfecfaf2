using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Options;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.Kubernetes.Api;
using DaprShared.Kubernetes.Cluster;
using DaprShared.Kubernetes.Runtime;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace DaprShared.Controller.Tests.Diagnostics;

public sealed class ControllerCacheStatusTests
{
    // The informers below are never run: only their status before the first list is read.
    private static readonly KubernetesApiClient Unreachable = new(new KubernetesClientConfiguration { Host = "https://127.0.0.1:9" });

    private readonly ControllerMetrics metrics = new(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));

    [Fact]
    public void Caches_NoTermAttached_EmptyAndSaysWhy()
    {
        var status = new ControllerCacheStatus();

        status.IsReconciling.Should().BeFalse();
        status.Caches.Should().BeEmpty();
        status.IdleReason.Should().Be("the controller has not started");
    }

    [Fact]
    public void Caches_TermAttached_EveryCacheInOrderUntilDetached()
    {
        var status = new ControllerCacheStatus();
        IReadOnlyList<IInformer> term = [Informer("instances"), Informer("pods")];

        status.Attach(term);

        status.IsReconciling.Should().BeTrue();
        status.Caches.Select(c => (c.Resource, c.State, c.Synced)).Should().Equal(("instances", CacheState.Listing, false), ("pods", CacheState.Listing, false));
        status.Detach(term);
        status.Caches.Should().BeEmpty();
    }

    [Fact]
    public void Detach_AnEarlierTermAfterALaterOneAttached_KeepsTheLaterTerm()
    {
        var status = new ControllerCacheStatus();
        IReadOnlyList<IInformer> earlier = [Informer("pods")];
        IReadOnlyList<IInformer> later = [Informer("services")];

        status.Attach(earlier);
        status.Attach(later);
        status.Detach(earlier);

        status.Caches.Should().ContainSingle().Which.Resource.Should().Be("services");
    }

    [Fact]
    public async Task RunAsync_NoCluster_CacheStatusSaysWhyThereAreNoCaches()
    {
        var status = new ControllerCacheStatus();
        var controller = Controller(ClusterConnection.None("no kubeconfig found"), new ReconcilerOptions(), status);

        await controller.RunAsync(CancellationToken.None);

        controller.CacheStatus.Should().BeSameAs(status);
        status.IsReconciling.Should().BeFalse();
        status.IdleReason.Should().Be("no Kubernetes cluster (no kubeconfig found)");
    }

    [Fact]
    public async Task RunAsync_Disabled_CacheStatusSaysSo()
    {
        var controller = Controller(ClusterConnection.None("unused"), new ReconcilerOptions { Enabled = false });

        await controller.RunAsync(CancellationToken.None);

        controller.CacheStatus.IdleReason.Should().Contain("disabled by configuration");
    }

    private Informer<V1Pod> Informer(string resource) =>
        new(new ApiWatchSource<V1Pod, V1PodList>(Unreachable, ApiResources.Pods, KubernetesModelJson.Default.V1PodList, null, new ListOptions(), resource), new InformerSettings(new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), TimeProvider.System), metrics, NullLogger.Instance);

    private SharedInstanceController Controller(ClusterConnection connection, ReconcilerOptions reconciler, ControllerCacheStatus? status = null) =>
        new(connection, new ClusterSettings(), new ControllerSettings(), reconciler, new LeaderElectionOptions(), metrics, NullLoggerFactory.Instance, TimeProvider.System, status);
}
