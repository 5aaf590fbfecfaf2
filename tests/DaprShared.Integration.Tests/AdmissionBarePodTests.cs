using System.Text.Json.Nodes;
using DaprShared.Integration.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace DaprShared.Integration.Tests;

/// <summary>Bare pods from the captured fixtures, created with the real kubectl through the real API server, which
/// calls the product: what the server stored, the warnings kubectl printed, and what the product counted.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class AdmissionBarePodTests : IClassFixture<AdmissionFixture>
{
    private readonly AdmissionFixture admission;

    public AdmissionBarePodTests(AdmissionFixture admission) => this.admission = admission;

    [RealClusterFact]
    public async Task Orders_OptedIn_StoredInjectedWithNoWarning()
    {
        var ns = await admission.NamespaceAsync("bare");
        var before = await admission.MetricsAsync();

        var created = await admission.CreateWithKubectlAsync(FixturePods.PodJson(FixturePods.Orders, "orders"), ns);

        created.Warnings.Should().BeEmpty();
        PodExpectations.ShouldBeInjected(created.Stored, created.Sent, "orders", "daemonset");
        PodExpectations.Env(created.Stored.Spec.Containers[0]).Should().Equal(
            [
                "LOG_LEVEL=debug",
                "POD_IP<-field status.podIP",
                $"DAPR_HTTP_ENDPOINT=http://orders-dapr-local.{ns}.svc.cluster.local:3500",
                $"DAPR_GRPC_ENDPOINT=http://orders-dapr-local.{ns}.svc.cluster.local:50001",
                "DAPR_API_TOKEN<-secret orders-dapr-api-token/token",
            ],
            "the user's variables keep their places and the shared daprd's follow (docs/design.md §3)");
        await admission.ShouldHaveCountedAsync(before, ("patched/injected", 1));
    }

    [RealClusterFact]
    public async Task Checkout_DaprEnabledAndOwnEndpoint_InjectorTurnedAwayUserEnvKept_KubectlPrintsBothWarnings()
    {
        var ns = await admission.NamespaceAsync("bare");
        var before = await admission.MetricsAsync();

        var created = await admission.CreateWithKubectlAsync(FixturePods.PodJson(FixturePods.Checkout, "checkout"), ns);

        created.Warnings.Should().SatisfyRespectively(
            first => first.Should().StartWith("dapr-shared: dapr_injector_disabled: ").And.Contain("dapr.io/enabled"),
            second => second.Should().StartWith("dapr-shared: user_env_kept: ").And.Contain("DAPR_HTTP_ENDPOINT").And.Contain("metrics-proxy"));
        created.Stored.Metadata.Annotations.Should().Contain("dapr.io/enabled", "false", "Dapr's own injector must skip the pod");
        PodExpectations.ShouldBeInjected(created.Stored, created.Sent, "checkout", "deployment");
        var proxy = created.Stored.Spec.Containers.Single(c => c.Name == "metrics-proxy");
        PodExpectations.Env(proxy).Should().Equal(
            "DAPR_HTTP_ENDPOINT=http://my-own-daprd:3500",
            $"DAPR_GRPC_ENDPOINT=http://checkout-dapr.{ns}.svc.cluster.local:50001",
            "DAPR_API_TOKEN<-secret checkout-dapr-api-token/token");
        PodExpectations.Env(created.Stored.Spec.InitContainers.Single()).Should().HaveCount(3, "init containers get the endpoints too");
        await admission.ShouldHaveCountedAsync(before, ("patched/injected", 1));
    }

    [RealClusterFact]
    public async Task Thumbnailer_EnabledCapitalTrue_StoredInjected()
    {
        var ns = await admission.NamespaceAsync("bare");

        var created = await admission.CreateWithKubectlAsync(FixturePods.PodJson(FixturePods.Thumbnailer, "thumbnailer"), ns);

        created.Sent.Metadata.Annotations.Should().Contain("dapr-shared.io/enabled", "True");
        created.Warnings.Should().BeEmpty();
        PodExpectations.ShouldBeInjected(created.Stored, created.Sent, "thumbnailer", "deployment");
    }

    [RealClusterFact]
    public async Task Plain_NotOptedIn_StoredAsSentAndNeverSentToTheProduct()
    {
        var ns = await admission.NamespaceAsync("bare");
        var before = await admission.MetricsAsync();

        var created = await admission.CreateWithKubectlAsync(FixturePods.PodJson(FixturePods.Plain, "plain"), ns);
        await admission.DryRunMarkerAsync(ns);

        created.Warnings.Should().BeEmpty();
        PodExpectations.ShouldBeAsSent(created.Stored, created.Sent);
        await admission.ShouldHaveCountedAsync(before, ("patched/injected", 1)); // the marker only: matchConditions kept the plain pod away
    }

    [RealClusterFact]
    public async Task DryRunServer_AnswersTheMutatedPod_StoresNothing()
    {
        var ns = await admission.NamespaceAsync("bare");
        var before = await admission.MetricsAsync();

        var (sent, answer) = DryRun("payments-pod-dryrun.json", "payments", ns);

        PodExpectations.ShouldBeInjected(answer, sent, "payments", "daemonset");
        var stored = await admission.Cluster.Admin.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: "metadata.name=payments");
        stored.Items.Should().BeEmpty("a dry run stores nothing");
        await admission.ShouldHaveCountedAsync(before, ("patched/injected", 1));
    }

    [RealClusterFact]
    public async Task WebhookOutput_CreatedAgain_StoredAsSent_CountedAlreadyInjected()
    {
        var ns = await admission.NamespaceAsync("bare");
        var (_, answer) = DryRun(FixturePods.Orders, "orders-again", ns);
        var before = await admission.MetricsAsync();
        var again = JsonNode.Parse(KubernetesJson.Serialize(answer))!.AsObject();
        again.Remove("status");
        foreach (var serverField in new[] { "uid", "creationTimestamp", "resourceVersion", "managedFields" })
        {
            again["metadata"]!.AsObject().Remove(serverField);
        }

        var created = await admission.CreateWithKubectlAsync(again, ns);

        created.Warnings.Should().BeEmpty();
        PodExpectations.ShouldBeAsSent(created.Stored, created.Sent);
        await admission.ShouldHaveCountedAsync(before, ("unchanged/already_injected", 1)); // idempotent: reinvocationPolicy IfNeeded is safe
    }

    private (V1Pod Sent, V1Pod Answer) DryRun(string fixture, string name, string ns)
    {
        var json = FixturePods.PodJson(fixture, name).ToJsonString();
        var result = admission.Cluster.TryKubectl(json, "create", "--dry-run=server", "-o", "json", "-f", "-", "-n", ns);
        result.ExitCode.Should().Be(0, result.StandardError);
        PodExpectations.Warnings(result.StandardError).Should().BeEmpty();
        return (KubernetesJson.Deserialize<V1Pod>(json), KubernetesJson.Deserialize<V1Pod>(result.StandardOutput));
    }
}
