using DaprShared.Core.Contract;
using DaprShared.Integration.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace DaprShared.Integration.Tests;

/// <summary>The controller on a real API server, under its own ServiceAccount: an opted-in pod leads to an instance
/// and every object it owns.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class ControllerProvisioningTests : IAsyncLifetime
{
    private readonly RealCluster cluster;
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("dapr-shared-it-product-");
    private ProductProcess? product;

    public ControllerProvisioningTests(RealCluster cluster) => this.cluster = cluster;

    public async Task InitializeAsync() => product = await Installed.StartProductAsync(cluster, work.FullName);

    public async Task DisposeAsync()
    {
        if (product is not null)
        {
            await product.DisposeAsync();
        }

        work.Delete(recursive: true);
    }

    [RealClusterFact]
    public async Task OptedInPod_DeploymentStrategy_InstanceAndEveryOwnedObjectExist()
    {
        var ns = await cluster.CreateNamespaceAsync("provision");
        var pod = FixturePods.Pod(FixturePods.Orders, "orders-1", new Dictionary<string, string?> { ["dapr-shared.io/strategy"] = "deployment" });

        var created = await cluster.Admin.CoreV1.CreateNamespacedPodAsync(pod, ns);

        created.Metadata.Annotations.Should().Contain("dapr-shared.io/injected", "deployment", "the webhook mutated the pod inside the real API server");
        var instance = await InstanceReader.WaitAsync(cluster, ns, "orders", product);
        instance.Spec.Strategy.Should().Be("deployment");
        await Eventually.HoldsAsync(
            async () =>
            {
                var missing = new List<string>();
                var deployments = await cluster.Admin.AppsV1.ListNamespacedDeploymentAsync(ns);
                if (!deployments.Items.Any(d => d.Metadata.Name == SharedObjectNames.Workload("orders")))
                {
                    missing.Add("Deployment");
                }

                var services = await cluster.Admin.CoreV1.ListNamespacedServiceAsync(ns);
                if (!services.Items.Any(s => s.Metadata.Name == SharedObjectNames.Service("orders")))
                {
                    missing.Add("Service");
                }

                var secrets = await cluster.Admin.CoreV1.ListNamespacedSecretAsync(ns);
                if (!secrets.Items.Any(s => s.Metadata.Name == SharedObjectNames.ApiTokenSecret("orders")))
                {
                    missing.Add("Secret");
                }

                return missing.Count == 0 ? null : "missing " + string.Join(", ", missing);
            },
            product: product);
    }
}
