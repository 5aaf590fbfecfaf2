using DaprShared.Integration.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace DaprShared.Integration.Tests;

/// <summary>Workloads whose pod template opts in: kube-controller-manager creates the pods, the real API server
/// sends them to the product, and the pods it stores carry the injection. ReplicaSet and Job pods reach admission
/// with only <c>generateName</c> (the server names them after admission); StatefulSet pods with their final name.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class AdmissionWorkloadTests : IClassFixture<AdmissionFixture>
{
    private readonly AdmissionFixture admission;

    public AdmissionWorkloadTests(AdmissionFixture admission) => this.admission = admission;

    private k8s.Kubernetes Admin => admission.Cluster.Admin;

    [RealClusterFact(NeedsControllerManager = true)]
    public async Task Deployment_OptedInTemplate_ReplicaSetPodInjected()
    {
        var ns = await admission.NamespaceAsync("workloads");
        var template = Template(FixturePods.Orders, "orders");
        await Admin.AppsV1.CreateNamespacedDeploymentAsync(
            new V1Deployment
            {
                Metadata = new V1ObjectMeta { Name = "orders" },
                Spec = new V1DeploymentSpec { Replicas = 1, Selector = Selector("orders"), Template = template.Spec },
            },
            ns);

        var pod = await SinglePodAsync(ns, "orders");

        var replicaSet = pod.Metadata.OwnerReferences.Single(o => o.Kind == "ReplicaSet").Name;
        pod.Metadata.GenerateName.Should().Be(replicaSet + "-", "the ReplicaSet controller sends the pod without a name");
        pod.Metadata.Name.Should().StartWith(replicaSet + "-").And.NotBe(replicaSet + "-");
        PodExpectations.ShouldBeInjected(pod, template.Pod, "orders", "daemonset", controllerMetadata: true);
    }

    [RealClusterFact(NeedsControllerManager = true)]
    public async Task Job_OptedInTemplateWithCapitalTrue_JobPodInjected()
    {
        var ns = await admission.NamespaceAsync("workloads");
        var template = Template(FixturePods.Thumbnailer, "thumbnailer");
        await Admin.BatchV1.CreateNamespacedJobAsync(
            new V1Job
            {
                Metadata = new V1ObjectMeta { Name = "thumbnailer" },
                Spec = new V1JobSpec { BackoffLimit = 0, Template = template.Spec },
            },
            ns);

        var pod = await SinglePodAsync(ns, "thumbnailer");

        pod.Metadata.GenerateName.Should().Be("thumbnailer-", "the Job controller sends the pod without a name");
        pod.Metadata.Name.Should().StartWith("thumbnailer-").And.NotBe("thumbnailer-");
        PodExpectations.ShouldBeInjected(pod, template.Pod, "thumbnailer", "deployment", controllerMetadata: true);
    }

    [RealClusterFact(NeedsControllerManager = true)]
    public async Task StatefulSet_OptedInTemplate_OrdinalPodInjected()
    {
        var ns = await admission.NamespaceAsync("workloads");
        var template = Template(
            FixturePods.Orders,
            "ledger",
            new Dictionary<string, string?> { ["dapr-shared.io/app-id"] = "ledger", ["dapr-shared.io/strategy"] = "deployment" });
        await Admin.AppsV1.CreateNamespacedStatefulSetAsync(
            new V1StatefulSet
            {
                Metadata = new V1ObjectMeta { Name = "ledger" },
                Spec = new V1StatefulSetSpec { Replicas = 1, ServiceName = "ledger", Selector = Selector("ledger"), Template = template.Spec },
            },
            ns);

        var pod = await SinglePodAsync(ns, "ledger");

        pod.Metadata.Name.Should().Be("ledger-0", "StatefulSet pods are sent with their final name");
        PodExpectations.ShouldBeInjected(pod, template.Pod, "ledger", "deployment", controllerMetadata: true);
    }

    /// <summary>The fixture's pod as a template labelled only <c>app=<paramref name="app"/></c> (the captured labels
    /// name the controllers that made it), and as the pod a controller would send for it.</summary>
    private static (V1PodTemplateSpec Spec, V1Pod Pod) Template(string fixture, string app, IReadOnlyDictionary<string, string?>? annotations = null)
    {
        var template = FixturePods.Template(fixture, annotations);
        template.Metadata.Labels = new Dictionary<string, string> { ["app"] = app };
        return (template, new V1Pod { Metadata = template.Metadata, Spec = template.Spec });
    }

    private static V1LabelSelector Selector(string app) => new() { MatchLabels = new Dictionary<string, string> { ["app"] = app } };

    private Task<V1Pod> SinglePodAsync(string ns, string app) =>
        Eventually.ReturnsAsync(
            async () => (await Admin.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=" + app)).Items.SingleOrDefault(),
            $"a pod with app={app} in {ns}",
            product: admission.Product);
}
