using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.Integration.Tests.Infrastructure;
using k8s;

namespace DaprShared.Integration.Tests;

/// <summary>An instance a user (GitOps) creates ahead of any pod is provisioned as it says, and stays the source of
/// truth: a pod that asks for something else gets an Event on the instance, never a silent change (DESIGN §4).</summary>
[Collection(RealClusterCollection.Name)]
public sealed class ControllerGitOpsTests : IAsyncLifetime
{
    private readonly RealCluster cluster;
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("dapr-shared-it-product-");
    private ProductProcess? product;
    private string? ns;

    public ControllerGitOpsTests(RealCluster cluster) => this.cluster = cluster;

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
    public async Task UserCreatedInstance_Provisioned_DisagreeingPodGetsAnEventNotAChange()
    {
        ns = await cluster.CreateNamespaceAsync("gitops");
        var created = await ControllerScenario.CreateInstanceAsync(cluster, ns, new DaprSharedInstanceSpec
        {
            AppId = "payments",
            Strategy = "deployment",
            Replicas = 2,
            AppPort = 8080,
            LogLevel = "debug",
        });

        // Provisioned from the instance alone: no pod exists.
        var owned = await ControllerScenario.WaitOwnedAsync(cluster, created, SharedStrategy.Deployment, product);
        owned.Deployment!.Spec.Replicas.Should().Be(2);
        var daprd = owned.Deployment.Spec.Template.Spec.Containers.Single(c => c.Name == "daprd");
        daprd.Args.Should().Contain("--log-level=debug").And.Contain("--app-port=8080").And.Contain("--app-id=payments");
        ControllerScenario.ShouldBeOwnedBy(owned.Deployment.Metadata, created);
        owned.PodDisruptionBudget.Should().NotBeNull();
        (await cluster.Admin.CoreV1.ListNamespacedPodAsync(ns, labelSelector: DaprSharedKeys.AppIdLabel)).Items.Should().BeEmpty();
        var provisioned = await ControllerScenario.WaitConditionAsync(cluster, ns, "payments", InstanceConditions.Conflict, "False", null, product);
        provisioned.Status!.Strategy.Should().Be("deployment");

        // A pod of the app-id that asks for the other strategy, another log level and port.
        var pod = FixturePods.Pod(FixturePods.Orders, "payments-1", new Dictionary<string, string?>
        {
            [DaprSharedKeys.AppId] = "payments",
            [DaprSharedKeys.Strategy] = "daemonset",
            [DaprSharedKeys.LogLevel] = "warn",
            [DaprSharedKeys.AppPort] = "9090",
        });
        await cluster.Admin.CoreV1.CreateNamespacedPodAsync(pod, ns);

        var disagreement = await ControllerScenario.WaitEventAsync(cluster, ns, created.Metadata.Uid, "PodDisagrees", product);
        disagreement.Type.Should().Be("Warning");
        disagreement.Message.Should().Contain("payments-1").And.Contain("daemonset");
        disagreement.InvolvedObject.Kind.Should().Be(DaprSharedInstance.EntityKind);
        disagreement.InvolvedObject.Name.Should().Be("payments");

        // The instance is unchanged (spec and generation), and so is what it owns: no DaemonSet appears.
        var after = (await InstanceReader.FindAsync(cluster, ns, "payments"))!;
        after.Metadata.Generation.Should().Be(created.Metadata.Generation);
        after.Spec.Should().BeEquivalentTo(created.Spec);
        after.Metadata.ManagedFields.Where(m => m.Manager == DaprSharedKeys.FieldManager).Should().OnlyContain(m => m.Subresource == "status", "the controller writes only the status of a user's instance");
        var ownedAfter = await ControllerScenario.ReadOwnedAsync(cluster, ns, "payments");
        ownedAfter.Problem(SharedStrategy.Deployment, created.Metadata.Uid).Should().BeNull();
        ownedAfter.Deployment!.Metadata.Generation.Should().Be(owned.Deployment.Metadata.Generation, "the workload's spec was not changed for the pod");
        (await ControllerScenario.EventsAboutAsync(cluster, ns, created.Metadata.Uid)).Should().NotContain(e => e.Reason == "CreatedFromPod");
    }
}
