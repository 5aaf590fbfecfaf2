using System.Net;
using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Reconciliation;
using DaprShared.Controller.Tests.Support;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.FakeKubeApi;
using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace DaprShared.Controller.Tests.Reconciliation;

/// <summary>The reconciler end to end against the fake API server: what it creates, repairs, leaves alone and reports.</summary>
[Collection(ControllerCollection.Name)]
public sealed class ReconcilerTests(ITestOutputHelper output)
{
    private const string Ns = "shop";

    [Fact]
    public async Task PodAppears_InstanceCreatedFromAnnotations_OwnedObjectsAppliedAndReady()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.StartController();

        harness.PutPod(Ns, "orders-7d9f-abcde", "orders", new Dictionary<string, string> { [DaprSharedKeys.AppPort] = "8080" });

        await harness.WaitForReadyAsync(Ns, "orders");
        var instance = harness.Instance(Ns, "orders")!;
        instance.Spec.AppPort.Should().Be(8080);
        instance.Spec.Strategy.Should().Be("daemonset");
        var uid = instance.Metadata.Uid;

        void ShouldBeOwned(V1ObjectMeta? meta, string what)
        {
            meta.Should().NotBeNull(what + " should exist");
            meta!.OwnerReferences.Should().ContainSingle(r => r.Uid == uid && r.Kind == DaprSharedInstance.EntityKind, what + " is owned by the instance");
            meta.Labels.Should().Contain(DaprSharedKeys.ManagedByLabel, DaprSharedKeys.ManagedByValue, what + " carries the managed-by label");
        }

        ShouldBeOwned(harness.Store.Get<V1ServiceAccount>(Ns, "orders-dapr-shared")?.Metadata, "ServiceAccount");
        ShouldBeOwned(harness.Store.Get<V1Service>(Ns, "orders-dapr")?.Metadata, "Service");
        ShouldBeOwned(harness.Store.Get<V1Service>(Ns, "orders-dapr-local")?.Metadata, "local Service");
        ShouldBeOwned(harness.Store.Get<V1DaemonSet>(Ns, "orders-dapr-shared")?.Metadata, "DaemonSet");
        ShouldBeOwned(harness.Store.Get<V1Secret>(Ns, "orders-dapr-api-token")?.Metadata, "token Secret");
        var anchors = harness.Store.Get<V1ConfigMap>(Ns, SharedObjectNames.TrustAnchorsConfigMap);
        anchors!.Data[SharedObjectNames.TrustAnchorsKey].Should().Be(ControllerHarness.TrustAnchorsPem);
        anchors.Metadata.OwnerReferences.Should().ContainSingle(r => r.Uid == uid);
        harness.Store.Get<V1Deployment>(Ns, "orders-dapr-shared").Should().BeNull("the daemonset strategy has no Deployment");

        var status = harness.Instance(Ns, "orders")!.Status!;
        status.ObservedGeneration.Should().Be(instance.Metadata.Generation);
        status.Strategy.Should().Be("daemonset");
        status.Endpoints!.Http.Should().Be("http://orders-dapr-local.shop.svc.cluster.local:3500");
        status.Endpoints.Grpc.Should().Be("http://orders-dapr-local.shop.svc.cluster.local:50001");
        status.Conditions.Should().ContainSingle(c => c.Type == InstanceConditions.Conflict && c.Status == "False");
        harness.Events(Ns, "CreatedFromPod").Should().ContainSingle().Which.InvolvedObject.Uid.Should().Be(uid);
    }

    [Fact]
    public async Task WorkloadNotAvailable_ReadyFalseUntilItIs()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.WorkloadsAvailable = false;
        harness.StartController();
        await harness.CreateInstanceAsync(Ns, new DaprSharedInstanceSpec { AppId = "cart", Strategy = "deployment", Replicas = 2 });

        await ControllerHarness.WaitUntilAsync(
            () => harness.Condition(Ns, "cart", InstanceConditions.Ready) is { Status: "False", Reason: InstanceConditions.ReasonUnavailable },
            "Ready=False while no daprd replica is available");
        harness.Condition(Ns, "cart", InstanceConditions.Ready)!.Message.Should().Be("0/2 daprd replicas available");

        harness.WorkloadsAvailable = true;
        await harness.WaitForReadyAsync(Ns, "cart");
        harness.Condition(Ns, "cart", InstanceConditions.Ready)!.Message.Should().Be("2/2 daprd replicas available");
    }

    [Fact]
    public async Task DeploymentStrategy_DeploymentPdbAndServiceButNoLocalService()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.StartController();
        var instance = await harness.CreateInstanceAsync(Ns, new DaprSharedInstanceSpec { AppId = "cart", Strategy = "deployment", Replicas = 2 });

        await harness.WaitForReadyAsync(Ns, "cart");
        harness.Store.Get<V1Deployment>(Ns, "cart-dapr-shared")!.Spec.Replicas.Should().Be(2);
        harness.Store.Get<V1PodDisruptionBudget>(Ns, "cart-dapr-shared")!.Metadata.OwnerReferences.Should().ContainSingle(r => r.Uid == instance.Metadata.Uid);
        harness.Store.Get<V1Service>(Ns, "cart-dapr").Should().NotBeNull();
        harness.Store.Get<V1Service>(Ns, "cart-dapr-local").Should().BeNull();
        harness.Store.Get<V1DaemonSet>(Ns, "cart-dapr-shared").Should().BeNull();
        harness.Instance(Ns, "cart")!.Status!.Endpoints!.Http.Should().Be("http://cart-dapr.shop.svc.cluster.local:3500");
    }

    [Fact]
    public async Task Converged_Idle_SendsNoWrites()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var controller = harness.StartController();
        harness.PutPod(Ns, "orders-1", "orders");
        await harness.CreateInstanceAsync(Ns, new DaprSharedInstanceSpec { AppId = "cart", Strategy = "deployment" });
        await harness.WaitForReadyAsync(Ns, "orders");
        await harness.WaitForReadyAsync(Ns, "cart");
        await Task.Delay(1000);

        var mark = harness.Server.Requests.Mark();
        var reconcilesBefore = controller.ReconcilesWith(ControllerMetrics.ResultSuccess);
        await Task.Delay(2500);

        // Several resyncs (every 400 ms here) and bookmarks happened: everything was compared, nothing was sent.
        controller.ReconcilesWith(ControllerMetrics.ResultSuccess).Should().BeGreaterThan(reconcilesBefore + 4);
        controller.Metrics.Instances.Value.Should().Be(2);
        var requests = harness.Server.Requests.Since(mark);
        requests.Where(r => r.IsWrite && r.Resource != "leases").Should().BeEmpty("an idle controller sends no writes (lease renewals aside)");
        requests.Where(r => r.Verb is Verbs.Get or Verbs.List && r.Resource != "leases").Should().BeEmpty("an idle controller reads from its watch caches");
    }

    [Fact]
    public async Task ControllerRestarted_ConvergedCluster_NoWrites()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var first = harness.StartController("a");
        harness.PutPod(Ns, "orders-1", "orders");
        await harness.CreateInstanceAsync(Ns, new DaprSharedInstanceSpec { AppId = "cart", Strategy = "deployment" });
        await harness.WaitForReadyAsync(Ns, "orders");
        await harness.WaitForReadyAsync(Ns, "cart");
        await Task.Delay(500);
        await first.StopAsync();

        // A new process lists everything (list items carry no kind, as on a real server) and finds nothing to do.
        var mark = harness.Server.Requests.Mark();
        var second = harness.StartController("b");
        await ControllerHarness.WaitUntilAsync(() => second.IsLeader, "the new controller leads");
        await Task.Delay(2000);
        second.ReconcilesWith(ControllerMetrics.ResultSuccess).Should().BeGreaterThan(2);
        harness.Server.Requests.Since(mark).Where(r => r.IsWrite && r.Resource != "leases")
            .Should().OnlyContain(r => r.Resource == "secrets" && r.Verb == Verbs.Create && r.StatusCode == 409,
                "only the one token-Secret existence check per instance a new leader makes (it cannot read Secrets)");
    }

    [Fact]
    public async Task OwnedObjectDeleted_IsPutBack()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.StartController();
        await harness.PutReadyPodAsync(Ns, "orders");
        var before = harness.Store.Get<V1Service>(Ns, "orders-dapr")!;

        await harness.Client.CoreV1.DeleteNamespacedServiceAsync("orders-dapr", Ns);
        await harness.Client.AppsV1.DeleteNamespacedDaemonSetAsync("orders-dapr-shared", Ns);

        await ControllerHarness.WaitUntilAsync(
            () => harness.Store.Get<V1Service>(Ns, "orders-dapr") is { } s && s.Metadata.Uid != before.Metadata.Uid && harness.Store.Get<V1DaemonSet>(Ns, "orders-dapr-shared") is not null,
            "the deleted Service and DaemonSet are back");
    }

    [Fact]
    public async Task OwnedObjectEdited_DriftIsRepaired()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.StartController();
        await harness.PutReadyPodAsync(Ns, "orders");

        // Someone edits our Service with kubectl: a port removed and the selector changed.
        var edited = harness.Store.Update<V1Service>(Ns, "orders-dapr", s =>
        {
            s.Spec.Ports = s.Spec.Ports.Where(p => p.Name != DaprPorts.GrpcName).ToList();
            s.Spec.Selector["app.kubernetes.io/instance"] = "someone-else";
        });
        edited.Spec.Ports.Should().NotContain(p => p.Name == DaprPorts.GrpcName);

        await ControllerHarness.WaitUntilAsync(
            () => harness.Store.Get<V1Service>(Ns, "orders-dapr") is { } s
                && s.Spec.Ports.Any(p => p.Name == DaprPorts.GrpcName && p.Port == DaprPorts.Grpc)
                && s.Spec.Selector["app.kubernetes.io/instance"] == "orders",
            "the edited Service is repaired");
    }

    [Fact]
    public async Task UnmanagedObjectWithOurName_LeftAloneConflictReportedThenTakenOverWhenGone()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var theirs = harness.Store.Put(new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = "orders-dapr", NamespaceProperty = Ns, Labels = new Dictionary<string, string> { ["team"] = "payments" } },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "web", Port = 80 }], Selector = new Dictionary<string, string> { ["app"] = "legacy" } },
        });
        harness.StartController();
        await harness.CreateInstanceAsync(Ns, new DaprSharedInstanceSpec { AppId = "orders" });

        await ControllerHarness.WaitUntilAsync(
            () => harness.Condition(Ns, "orders", InstanceConditions.Conflict)?.Status == "True", "the Conflict condition is set");
        var conflict = harness.Condition(Ns, "orders", InstanceConditions.Conflict)!;
        conflict.Reason.Should().Be(InstanceConditions.ReasonUnmanagedObject);
        conflict.Message.Should().Contain("Service orders-dapr");
        await ControllerHarness.WaitUntilAsync(() => harness.Events(Ns, "ObjectConflict").Count == 1, "a Warning event reports it");
        harness.Events(Ns, "ObjectConflict").Single().Type.Should().Be("Warning");

        // Several conflict re-checks later, their Service is exactly as it was, and the rest of the instance exists.
        await Task.Delay(1500);
        var after = harness.Store.Get<V1Service>(Ns, "orders-dapr")!;
        after.Metadata.ResourceVersion.Should().Be(theirs.Metadata.ResourceVersion);
        after.Metadata.OwnerReferences.Should().BeNullOrEmpty();
        after.Metadata.Labels.Should().NotContainKey(DaprSharedKeys.ManagedByLabel);
        harness.Server.Requests.All.Should().NotContain(r => r.Resource == "services" && r.Name == "orders-dapr" && r.IsWrite);
        harness.Store.Get<V1DaemonSet>(Ns, "orders-dapr-shared").Should().NotBeNull();
        harness.Events(Ns, "ObjectConflict").Should().ContainSingle("an unchanged conflict is reported once, not on every re-check");

        // Once their Service is gone, the instance takes the name.
        harness.Store.Delete<V1Service>(Ns, "orders-dapr");
        await ControllerHarness.WaitUntilAsync(
            () => harness.Condition(Ns, "orders", InstanceConditions.Conflict)?.Status == "False"
                && harness.Store.Get<V1Service>(Ns, "orders-dapr")?.Metadata.Labels?.ContainsKey(DaprSharedKeys.ManagedByLabel) == true,
            "the conflict clears and our Service exists");
    }

    [Fact]
    public async Task PodDisagreesWithInstance_EventOnInstanceAndNoChange()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.StartController();
        var instance = await harness.CreateInstanceAsync(Ns, new DaprSharedInstanceSpec { AppId = "orders", Strategy = "deployment", AppPort = 8080 });
        await harness.WaitForReadyAsync(Ns, "orders");

        harness.PutPod(Ns, "orders-1", "orders", new Dictionary<string, string> { [DaprSharedKeys.AppPort] = "9090" }, strategy: "deployment");
        harness.PutPod(Ns, "orders-2", "orders", new Dictionary<string, string> { [DaprSharedKeys.AppPort] = "9090" }, strategy: "deployment");

        await ControllerHarness.WaitUntilAsync(() => harness.Events(Ns, "PodDisagrees").Count > 0, "the disagreement is reported");
        await Task.Delay(800);
        var events = harness.Events(Ns, "PodDisagrees");
        events.Should().ContainSingle("two pods with the same disagreement make one event");
        events[0].InvolvedObject.Uid.Should().Be(instance.Metadata.Uid);
        events[0].Message.Should().Contain("dapr-shared.io/app-port").And.Contain("9090").And.Contain("8080");
        var now = harness.Instance(Ns, "orders")!;
        now.Spec.AppPort.Should().Be(8080);
        now.Metadata.Generation.Should().Be(instance.Metadata.Generation, "the instance spec is never changed to match a pod");
    }

    [Fact]
    public async Task MissedPod_EventMetricAndInstance()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var controller = harness.StartController();

        var pod = harness.PutPod(Ns, "legacy-1", "legacy", injected: false);

        await ControllerHarness.WaitUntilAsync(() => harness.Events(Ns, "NotInjected").Count == 1, "the missed pod is reported");
        var evt = harness.Events(Ns, "NotInjected").Single();
        evt.Type.Should().Be("Warning");
        evt.InvolvedObject.Kind.Should().Be("Pod");
        evt.InvolvedObject.Uid.Should().Be(pod.Metadata.Uid);
        controller.Metrics.MissedPods.Value.Should().Be(1);
        await harness.WaitForReadyAsync(Ns, "legacy");

        // A later change to the pod does not report it again.
        harness.Store.Update<V1Pod>(Ns, "legacy-1", p => p.Metadata.Labels["touched"] = "yes");
        await Task.Delay(500);
        controller.Metrics.MissedPods.Value.Should().Be(1);
        harness.Events(Ns, "NotInjected").Should().ContainSingle();
    }

    [Fact]
    public async Task PodWatch_MetadataOnly_AllPodsOnlyWhenMissedPodsAreDetected()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var controller = harness.StartController(reconciler: o => o.DetectMissedPods = false);
        harness.PutPod(Ns, "legacy-1", "legacy", injected: false);
        await harness.PutReadyPodAsync(Ns, "orders");
        await Task.Delay(500);

        var podRequests = harness.Server.Requests.All.Where(r => r.Resource == "pods").ToList();
        podRequests.Should().NotBeEmpty();
        podRequests.Should().OnlyContain(r => r.Accept.Contains("as=PartialObjectMetadata", StringComparison.Ordinal), "only pod metadata is ever fetched");
        podRequests.Should().OnlyContain(r => Uri.UnescapeDataString(r.Query).Contains("labelSelector=dapr-shared.io/app-id", StringComparison.Ordinal));
        podRequests.Should().OnlyContain(r => r.Verb == Verbs.List || r.Verb == Verbs.Watch);
        harness.Events(Ns, "NotInjected").Should().BeEmpty();
        controller.Metrics.MissedPods.Value.Should().Be(0);
        harness.Instance(Ns, "legacy").Should().BeNull("an uninjected pod is invisible without missed-pod detection");
    }

    [Fact]
    public async Task InstanceDeleted_OwnedObjectsGarbageCollectedAndNotRecreatedForOldPods()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.StartController();
        await harness.PutReadyPodAsync(Ns, "orders");

        await harness.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(DaprSharedInstance.Group, DaprSharedInstance.Version, Ns, DaprSharedInstance.Plural, "orders");

        await ControllerHarness.WaitUntilAsync(
            () => harness.Store.Get<V1DaemonSet>(Ns, "orders-dapr-shared") is null
                && harness.Store.Get<V1Service>(Ns, "orders-dapr") is null
                && harness.Store.Get<V1Service>(Ns, "orders-dapr-local") is null
                && harness.Store.Get<V1ServiceAccount>(Ns, "orders-dapr-shared") is null
                && harness.Store.Get<V1Secret>(Ns, "orders-dapr-api-token") is null
                && harness.Store.Get<V1ConfigMap>(Ns, SharedObjectNames.TrustAnchorsConfigMap) is null,
            "the garbage collector removed everything the instance owned");
        await Task.Delay(800);
        harness.Instance(Ns, "orders").Should().BeNull("a pod that already existed does not bring a deleted instance back");

        // A pod that appears afterwards does, even within the same second (creationTimestamp has whole seconds).
        harness.PutPod(Ns, "orders-2", "orders");
        await harness.WaitForReadyAsync(Ns, "orders");
    }

    [Fact]
    public async Task StrategyChanged_OldWorkloadRemovedNewOneApplied()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.StartController();
        await harness.CreateInstanceAsync(Ns, new DaprSharedInstanceSpec { AppId = "orders", Strategy = "daemonset" });
        await harness.WaitForReadyAsync(Ns, "orders");

        harness.Store.Update<DaprSharedInstance>(Ns, "orders", i => i.Spec.Strategy = "deployment");

        await ControllerHarness.WaitUntilAsync(
            () => harness.Store.Get<V1Deployment>(Ns, "orders-dapr-shared") is not null
                && harness.Store.Get<V1DaemonSet>(Ns, "orders-dapr-shared") is null
                && harness.Store.Get<V1Service>(Ns, "orders-dapr-local") is null
                && harness.Instance(Ns, "orders")!.Status?.Strategy == "deployment",
            "the DaemonSet and local Service are replaced by a Deployment");
        await harness.WaitForReadyAsync(Ns, "orders");
    }

    [Fact]
    public async Task InvalidInstance_ReadyFalseInvalidSpecAndEvent()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.StartController();
        var instance = new DaprSharedInstance { Metadata = new V1ObjectMeta { Name = "orders", NamespaceProperty = Ns }, Spec = new DaprSharedInstanceSpec { AppId = "payments" } };
        await harness.Client.CustomObjects.CreateNamespacedCustomObjectAsync(instance, DaprSharedInstance.Group, DaprSharedInstance.Version, Ns, DaprSharedInstance.Plural);

        await ControllerHarness.WaitUntilAsync(
            () => harness.Condition(Ns, "orders", InstanceConditions.Ready)?.Reason == InstanceConditions.ReasonInvalidSpec, "Ready=False InvalidSpec");
        harness.Condition(Ns, "orders", InstanceConditions.Ready)!.Message.Should().Contain("spec.appId");
        await ControllerHarness.WaitUntilAsync(() => harness.Events(Ns, "InvalidSpec").Count == 1, "an InvalidSpec event");
        harness.Store.List<V1Service>(Ns).Should().BeEmpty();
    }

    [Fact]
    public async Task ApiTokenSecret_CreatedOnceNeverReadAndNeverLogged()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var controller = harness.StartController();
        await harness.PutReadyPodAsync(Ns, "orders");

        var secret = harness.Store.Get<V1Secret>(Ns, "orders-dapr-api-token")!;
        var token = System.Text.Encoding.UTF8.GetString(secret.Data[EnvNames.ApiTokenSecretKey]);
        token.Should().MatchRegex("^[0-9a-f]{64}$", "32 random bytes as hex");

        // Make the instance reconcile many more times, with the workload unavailable too (which retries the create).
        harness.WorkloadsAvailable = false;
        await Task.Delay(1500);
        harness.WorkloadsAvailable = true;
        await harness.WaitForReadyAsync(Ns, "orders");

        var again = harness.Store.Get<V1Secret>(Ns, "orders-dapr-api-token")!;
        System.Text.Encoding.UTF8.GetString(again.Data[EnvNames.ApiTokenSecretKey]).Should().Be(token, "the token is created once and never rotated");
        again.Metadata.ResourceVersion.Should().Be(secret.Metadata.ResourceVersion);
        harness.Server.Requests.All.Where(r => r.Resource == "secrets").Select(r => r.Verb).Distinct()
            .Should().Equal([Verbs.Create], "the controller never gets, lists, watches, patches or updates Secrets");
        controller.Logs.Lines.Should().NotContain(l => l.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApiTokenSecretDeleted_RecreatedWhileWorkloadUnavailable()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.StartController();
        await harness.PutReadyPodAsync(Ns, "orders");
        var first = harness.Store.Get<V1Secret>(Ns, "orders-dapr-api-token")!;

        // Without read access the deletion is invisible, but daprd pods cannot start without it.
        harness.Store.Delete<V1Secret>(Ns, "orders-dapr-api-token");
        harness.WorkloadsAvailable = false;

        await ControllerHarness.WaitUntilAsync(
            () => harness.Store.Get<V1Secret>(Ns, "orders-dapr-api-token") is { } s && s.Metadata.Uid != first.Metadata.Uid,
            "the token Secret is created again");
    }

    [Fact]
    public async Task ApiTokensOff_NoSecret()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.StartController(cluster: new ClusterSettings { ApiTokens = false });
        await harness.PutReadyPodAsync(Ns, "orders");
        harness.Store.Get<V1Secret>(Ns, "orders-dapr-api-token").Should().BeNull();
    }

    [Fact]
    public async Task TrustBundleRotated_AnchorsFollowInEveryNamespace()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.StartController();
        harness.PutPod("shop", "orders-1", "orders");
        harness.PutPod("billing", "invoices-1", "invoices");
        await harness.WaitForReadyAsync("shop", "orders");
        await harness.WaitForReadyAsync("billing", "invoices");

        const string Rotated = "-----BEGIN CERTIFICATE-----\nMIIBrotated\n-----END CERTIFICATE-----\n";
        harness.PutTrustBundle(Rotated);

        await ControllerHarness.WaitUntilAsync(
            () => new[] { "shop", "billing" }.All(ns => harness.Store.Get<V1ConfigMap>(ns, SharedObjectNames.TrustAnchorsConfigMap)?.Data[SharedObjectNames.TrustAnchorsKey] == Rotated),
            "both namespaces carry the new root");
        harness.Server.Requests.All.Should().NotContain(r => r.Resource == "secrets" && r.Namespace == ControllerHarness.ControlPlaneNamespace, "only the public ConfigMap of the bundle is read");
    }

    [Fact]
    public async Task TrustAnchorsSharedByInstances_OwnedByAllAndKeptUntilTheLastIsDeleted()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.StartController();
        var orders = await harness.CreateInstanceAsync(Ns, new DaprSharedInstanceSpec { AppId = "orders" });
        var cart = await harness.CreateInstanceAsync(Ns, new DaprSharedInstanceSpec { AppId = "cart", Strategy = "deployment" });
        await harness.WaitForReadyAsync(Ns, "orders");
        await harness.WaitForReadyAsync(Ns, "cart");
        await ControllerHarness.WaitUntilAsync(
            () => harness.Store.Get<V1ConfigMap>(Ns, SharedObjectNames.TrustAnchorsConfigMap)?.Metadata.OwnerReferences?.Count == 2,
            "the trust anchors belong to both instances");

        await harness.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(DaprSharedInstance.Group, DaprSharedInstance.Version, Ns, DaprSharedInstance.Plural, "orders");
        await ControllerHarness.WaitUntilAsync(() => harness.Store.Get<V1DaemonSet>(Ns, "orders-dapr-shared") is null, "orders' objects are gone");
        await Task.Delay(500);
        var anchors = harness.Store.Get<V1ConfigMap>(Ns, SharedObjectNames.TrustAnchorsConfigMap);
        anchors.Should().NotBeNull("cart still needs it");
        anchors!.Metadata.OwnerReferences.Should().ContainSingle(r => r.Uid == cart.Metadata.Uid);
        orders.Metadata.Uid.Should().NotBe(cart.Metadata.Uid);
    }

    [Fact]
    public async Task TrustBundleMissing_NoAnchorsAndReadyExplainsWhy()
    {
        await using var harness = await ControllerHarness.StartAsync(output, trustBundle: false);
        harness.WorkloadsAvailable = false;
        harness.StartController();
        await harness.CreateInstanceAsync(Ns, new DaprSharedInstanceSpec { AppId = "orders" });

        await ControllerHarness.WaitUntilAsync(
            () => harness.Condition(Ns, "orders", InstanceConditions.Ready)?.Reason == InstanceConditions.ReasonTrustAnchorsMissing, "Ready names the missing trust bundle");
        harness.Store.Get<V1ConfigMap>(Ns, SharedObjectNames.TrustAnchorsConfigMap).Should().BeNull();

        harness.PutTrustBundle(ControllerHarness.TrustAnchorsPem);
        await ControllerHarness.WaitUntilAsync(() => harness.Store.Get<V1ConfigMap>(Ns, SharedObjectNames.TrustAnchorsConfigMap) is not null, "the anchors follow once the bundle exists");
    }

    [Fact]
    public async Task UserCreatedInstance_IsSourceOfTruthAndNotOverwrittenByPods()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.StartController();
        await harness.CreateInstanceAsync(Ns, new DaprSharedInstanceSpec { AppId = "orders", LogLevel = "debug" });
        harness.PutPod(Ns, "orders-1", "orders", new Dictionary<string, string> { [DaprSharedKeys.LogLevel] = "warn" });
        await harness.WaitForReadyAsync(Ns, "orders");

        var args = harness.Store.Get<V1DaemonSet>(Ns, "orders-dapr-shared")!.Spec.Template.Spec.Containers.Single(c => c.Name == "daprd").Args;
        args.Should().Contain("--log-level=debug");
        harness.Instance(Ns, "orders")!.Spec.LogLevel.Should().Be("debug");
        harness.Server.Requests.All.Should().NotContain(
            r => r.Resource == DaprSharedInstance.Plural && r.Subresource == "" && r.IsWrite && r.FieldManager == DaprSharedKeys.FieldManager,
            "the controller never writes the spec of an existing instance");
    }

    [Fact]
    public async Task FieldManager_EveryApplyUsesTheOneManagerAndForceOnlyOnOwnedObjects()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.StartController();
        await harness.PutReadyPodAsync(Ns, "orders");

        var applies = harness.Server.Requests.All.Where(r => r.Verb == Verbs.Patch).ToList();
        applies.Should().NotBeEmpty();
        applies.Should().OnlyContain(r => r.ContentType.StartsWith("application/apply-patch+yaml", StringComparison.Ordinal));
        applies.Should().OnlyContain(r => r.FieldManager == DaprSharedKeys.FieldManager);

        // Creations are not forced (someone else's object of that name must conflict, not be taken over).
        var creations = applies.Where(r => r.StatusCode == (int)HttpStatusCode.Created).ToList();
        creations.Should().NotBeEmpty();
        creations.Should().OnlyContain(r => !r.Query.Contains("force=true", StringComparison.Ordinal));
        harness.Store.Get<V1Service>(Ns, "orders-dapr")!.Metadata.ManagedFields
            .Should().ContainSingle(m => m.Operation == "Apply").Which.Manager.Should().Be(DaprSharedKeys.FieldManager);
        harness.Store.Get<V1Service>(Ns, "orders-dapr")!.Metadata.Annotations.Should().ContainKey(DaprSharedKeys.DesiredHashAnnotation);
    }
}
