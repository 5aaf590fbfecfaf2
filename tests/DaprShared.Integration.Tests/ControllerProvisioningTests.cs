using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.Integration.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace DaprShared.Integration.Tests;

/// <summary>The controller on a real API server, under its own ServiceAccount: an opted-in pod leads to an instance
/// and every object it owns (DESIGN §4), for both strategies.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class ControllerProvisioningTests : IAsyncLifetime
{
    private readonly RealCluster cluster;
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("dapr-shared-it-product-");
    private ProductProcess? product;
    private string? ns;

    public ControllerProvisioningTests(RealCluster cluster) => this.cluster = cluster;

    public async Task InitializeAsync() => product = await ControllerScenario.StartAsync(cluster, work.FullName);

    public async Task DisposeAsync()
    {
        await ControllerScenario.CleanUpAsync(cluster, ns);
        if (product is not null)
        {
            await product.DisposeAsync();
        }

        work.Delete(recursive: true);
    }

    [RealClusterFact]
    public async Task OptedInPods_BothStrategies_InstancesAndEveryOwnedObjectExist()
    {
        ns = await cluster.CreateNamespaceAsync("provision");
        var bundle = await ControllerScenario.EnsureTrustBundleAsync(cluster);

        // orders says no strategy (the configured default, daemonset); checkout asks for deployment.
        var orders = await cluster.Admin.CoreV1.CreateNamespacedPodAsync(FixturePods.Pod(FixturePods.Orders, "orders-1"), ns);
        var checkout = await cluster.Admin.CoreV1.CreateNamespacedPodAsync(FixturePods.Pod(FixturePods.Checkout, "checkout-1"), ns);

        orders.Metadata.Annotations.Should().Contain(DaprSharedKeys.Injected, "daemonset", "the webhook mutated the pod inside the real API server");
        checkout.Metadata.Annotations.Should().Contain(DaprSharedKeys.Injected, "deployment");
        var ordersInstance = await InstanceReader.WaitAsync(cluster, ns, "orders", product);
        var checkoutInstance = await InstanceReader.WaitAsync(cluster, ns, "checkout", product);

        // The instances, created from the pods' annotations by the controller's own field manager.
        ordersInstance.Spec.AppId.Should().Be("orders");
        ordersInstance.Spec.AppPort.Should().Be(8080);
        checkoutInstance.Spec.Strategy.Should().Be("deployment");
        foreach (var instance in new[] { ordersInstance, checkoutInstance })
        {
            instance.Metadata.Labels.Should().Contain(DaprSharedKeys.ManagedByLabel, DaprSharedKeys.ManagedByValue);
            instance.Metadata.ManagedFields.Should().Contain(m => m.Manager == DaprSharedKeys.FieldManager && m.Operation == "Update" && string.IsNullOrEmpty(m.Subresource));
            var created = await ControllerScenario.WaitEventAsync(cluster, ns, instance.Metadata.Uid, "CreatedFromPod", product);
            created.Type.Should().Be("Normal");
            created.InvolvedObject.Kind.Should().Be(DaprSharedInstance.EntityKind);
            created.InvolvedObject.Name.Should().Be(instance.Metadata.Name);
        }

        // daemonset strategy: ServiceAccount, DaemonSet, both Services, token Secret, trust anchors; no Deployment or PDB.
        var ordersOwned = await ControllerScenario.WaitOwnedAsync(cluster, ordersInstance, SharedStrategy.DaemonSet, product);
        ShouldBeTheCommonObjects(ordersOwned, ordersInstance, bundle);
        var daemonSet = ordersOwned.DaemonSet!;
        daemonSet.Metadata.Name.Should().Be("orders-dapr-shared");
        ShouldRunDaprd(daemonSet.Spec.Template, "orders");
        daemonSet.Spec.UpdateStrategy.Type.Should().Be("RollingUpdate");
        var local = ordersOwned.LocalService!;
        local.Metadata.Name.Should().Be("orders-dapr-local");
        local.Spec.InternalTrafficPolicy.Should().Be("Local", "an app only ever talks to the daprd on its own node");
        local.Spec.Ports.Select(p => (p.Name, p.Port)).Should().BeEquivalentTo(new[] { ("dapr-http", 3500), ("dapr-grpc", 50001) });
        local.Spec.Selector.Should().BeEquivalentTo(InstanceLabels.Selector("orders"));
        ControllerScenario.ShouldBeOwnedBy(daemonSet.Metadata, ordersInstance);
        ControllerScenario.ShouldBeOwnedBy(local.Metadata, ordersInstance);

        // deployment strategy: ServiceAccount, Deployment, Service, PDB, token Secret, trust anchors; no DaemonSet or local Service.
        var checkoutOwned = await ControllerScenario.WaitOwnedAsync(cluster, checkoutInstance, SharedStrategy.Deployment, product);
        ShouldBeTheCommonObjects(checkoutOwned, checkoutInstance, bundle);
        var deployment = checkoutOwned.Deployment!;
        deployment.Metadata.Name.Should().Be("checkout-dapr-shared");
        deployment.Spec.Replicas.Should().Be(1);
        ShouldRunDaprd(deployment.Spec.Template, "checkout");
        var pdb = checkoutOwned.PodDisruptionBudget!;
        pdb.Metadata.Name.Should().Be("checkout-dapr-shared");
        pdb.Spec.Selector.MatchLabels.Should().BeEquivalentTo(InstanceLabels.Selector("checkout"));
        ControllerScenario.ShouldBeOwnedBy(deployment.Metadata, checkoutInstance);
        ControllerScenario.ShouldBeOwnedBy(pdb.Metadata, checkoutInstance);

        // One trust-anchors ConfigMap per namespace, shared: each instance is an owner, none the controller.
        var anchors = checkoutOwned.TrustAnchors!;
        ControllerScenario.ShouldBeOwnedBy(anchors.Metadata, ordersInstance, controller: false);
        ControllerScenario.ShouldBeOwnedBy(anchors.Metadata, checkoutInstance, controller: false);

        // Status: endpoints and strategy in effect; not Ready (no daprd runs without a kubelet); no conflict.
        var ordersStatus = await ControllerScenario.WaitConditionAsync(cluster, ns, "orders", InstanceConditions.Conflict, "False", InstanceConditions.ReasonNoConflict, product);
        var checkoutStatus = await ControllerScenario.WaitConditionAsync(cluster, ns, "checkout", InstanceConditions.Conflict, "False", InstanceConditions.ReasonNoConflict, product);
        ordersStatus.Status!.Strategy.Should().Be("daemonset");
        ordersStatus.Status.Endpoints!.Http.Should().Be($"http://orders-dapr-local.{ns}.svc.cluster.local:3500");
        ordersStatus.Status.Endpoints.Grpc.Should().Be($"http://orders-dapr-local.{ns}.svc.cluster.local:50001");
        checkoutStatus.Status!.Strategy.Should().Be("deployment");
        checkoutStatus.Status.Endpoints!.Http.Should().Be($"http://checkout-dapr.{ns}.svc.cluster.local:3500");
        foreach (var instance in new[] { ordersStatus, checkoutStatus })
        {
            instance.Status!.ObservedGeneration.Should().Be(instance.Metadata.Generation);
            ControllerScenario.Condition(instance, InstanceConditions.Ready)!.Status.Should().Be("False");
            instance.Metadata.ManagedFields.Should().Contain(m => m.Manager == DaprSharedKeys.FieldManager && m.Operation == "Apply" && m.Subresource == "status");
        }

        // The injected endpoints name Services that exist.
        ordersOwned.LocalService!.Metadata.Name.Should().Be(new Uri(ordersStatus.Status.Endpoints.Http).Host.Split('.')[0]);
    }

    private static void ShouldBeTheCommonObjects(OwnedObjects owned, DaprSharedInstance instance, string bundle)
    {
        var appId = instance.Metadata.Name;
        owned.ServiceAccount!.Metadata.Name.Should().Be($"{appId}-dapr-shared");
        owned.ServiceAccount.AutomountServiceAccountToken.Should().BeFalse();
        ControllerScenario.ShouldBeOwnedBy(owned.ServiceAccount.Metadata, instance);

        var service = owned.Service!;
        service.Metadata.Name.Should().Be($"{appId}-dapr");
        service.Spec.Type.Should().Be("ClusterIP");
        service.Spec.ClusterIP.Should().NotBeNullOrEmpty("the real API server allocated one");
        service.Spec.Ports.Select(p => (p.Name, p.Port)).Should().BeEquivalentTo(new[] { ("dapr-http", 3500), ("dapr-grpc", 50001), ("dapr-internal", 50002), ("dapr-metrics", 9090) });
        service.Spec.Selector.Should().BeEquivalentTo(InstanceLabels.Selector(appId));
        ControllerScenario.ShouldBeOwnedBy(service.Metadata, instance);

        var secret = owned.Secret!;
        secret.Metadata.Name.Should().Be($"{appId}-dapr-api-token");
        secret.Type.Should().Be("Opaque");
        secret.Data.Should().ContainKey("token").WhoseValue.Should().HaveCount(64, "32 random bytes as hex");
        ControllerScenario.ShouldBeOwnedBy(secret.Metadata, instance, operation: "Update");

        var anchors = owned.TrustAnchors!;
        anchors.Metadata.Name.Should().Be("dapr-shared-trust-anchors");
        anchors.Data.Should().Equal(new Dictionary<string, string> { ["ca.crt"] = bundle }, "only Dapr's public root, never a key");
    }

    private static void ShouldRunDaprd(V1PodTemplateSpec template, string appId)
    {
        template.Metadata.Labels.Should().Contain(InstanceLabels.Selector(appId)).And.Contain("dapr.io/app-id", appId);
        template.Spec.ServiceAccountName.Should().Be($"{appId}-dapr-shared");
        var daprd = template.Spec.Containers.Should().ContainSingle(c => c.Name == "daprd").Subject;
        daprd.Image.Should().Be(ControllerScenario.DaprdImage);
        daprd.Args.Should().Contain($"--app-id={appId}").And.Contain("--mode=kubernetes");
        daprd.Env.Should().Contain(e => e.Name == "DAPR_API_TOKEN" && e.ValueFrom.SecretKeyRef.Name == $"{appId}-dapr-api-token" && e.ValueFrom.SecretKeyRef.Key == "token");
        daprd.Env.Should().Contain(e => e.ValueFrom != null && e.ValueFrom.ConfigMapKeyRef != null && e.ValueFrom.ConfigMapKeyRef.Name == "dapr-shared-trust-anchors" && e.ValueFrom.ConfigMapKeyRef.Key == "ca.crt");
    }
}
