using System.Text.Json.Nodes;
using DaprShared.Integration.Tests.Infrastructure;

namespace DaprShared.Integration.Tests;

/// <summary>Who reaches the webhook and what it does with them, decided by deploy/install.yaml's two webhook entries
/// (namespaceSelector, matchConditions) in the real API server and by the product: namespace opt-in, opt-out, the
/// kill switch, invalid values, and pods that never opted in. "Never sent" is proven by the product's own counter:
/// a dry-run marker sent afterwards is the only review it counted.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class AdmissionOptInTests : IClassFixture<AdmissionFixture>
{
    private readonly AdmissionFixture admission;

    public AdmissionOptInTests(AdmissionFixture admission) => this.admission = admission;

    private Task<string> OptedInNamespaceAsync() =>
        admission.NamespaceAsync("opted-in", new Dictionary<string, string> { ["dapr-shared.io/enabled"] = "true" });

    private Task<string> PlainNamespaceAsync() => admission.NamespaceAsync("plain");

    [RealClusterFact]
    public async Task NamespaceOptIn_PodWithoutEnabledAnnotation_InjectedThroughTheNamespaceEntry()
    {
        var ns = await OptedInNamespaceAsync();
        var before = await admission.MetricsAsync();

        // Without dapr-shared.io/enabled only the second entry (namespaceSelector dapr-shared.io/enabled=true) matches.
        var created = await admission.CreateWithKubectlAsync(Orders("undecided", enabled: null), ns);

        created.Warnings.Should().BeEmpty();
        PodExpectations.ShouldBeInjected(created.Stored, created.Sent, "orders", "daemonset");
        await admission.ShouldHaveCountedAsync(before, ("patched/injected", 1));
    }

    [RealClusterFact]
    public async Task OptOut_FalseInOptedInAndInPlainNamespace_StoredAsSent_NeverSent()
    {
        var optedIn = await OptedInNamespaceAsync();
        var plain = await PlainNamespaceAsync();
        var before = await admission.MetricsAsync();

        var inOptedIn = await admission.CreateWithKubectlAsync(Orders("opted-out", enabled: "false"), optedIn);
        var inPlain = await admission.CreateWithKubectlAsync(Orders("opted-out", enabled: "False"), plain);
        await admission.DryRunMarkerAsync(plain);

        foreach (var created in new[] { inOptedIn, inPlain })
        {
            created.Warnings.Should().BeEmpty();
            PodExpectations.ShouldBeAsSent(created.Stored, created.Sent);
        }

        await admission.ShouldHaveCountedAsync(before, ("patched/injected", 1)); // the marker only: no opted_out
    }

    [RealClusterFact]
    public async Task KillSwitch_NamespaceLabelledAdmissionDisabled_OptedInPodsStoredAsSent_NeverSent()
    {
        var ns = await admission.NamespaceAsync(
            "kill-switch",
            new Dictionary<string, string> { ["dapr-shared.io/admission"] = "disabled", ["dapr-shared.io/enabled"] = "true" });
        var before = await admission.MetricsAsync();

        var byAnnotation = await admission.CreateWithKubectlAsync(Orders("by-annotation", enabled: "true"), ns);
        var byNamespace = await admission.CreateWithKubectlAsync(Orders("by-namespace", enabled: null), ns);
        await admission.DryRunMarkerAsync(await PlainNamespaceAsync());

        foreach (var created in new[] { byAnnotation, byNamespace })
        {
            created.Warnings.Should().BeEmpty();
            PodExpectations.ShouldBeAsSent(created.Stored, created.Sent);
        }

        await admission.ShouldHaveCountedAsync(before, ("patched/injected", 1));
    }

    [RealClusterFact]
    public async Task InvalidValues_StoredAsSent_KubectlPrintsTheReason_CountedByReason()
    {
        var ns = await PlainNamespaceAsync();
        var before = await admission.MetricsAsync();
        var cases = new (string Name, Dictionary<string, string?> Annotations, string Reason)[]
        {
            ("enabled-yes", new() { ["dapr-shared.io/enabled"] = "yes" }, "invalid_enabled_value"),
            ("app-id-invalid", new() { ["dapr-shared.io/app-id"] = "Orders_1" }, "invalid_app_id"),
            ("app-id-missing", new() { ["dapr-shared.io/app-id"] = null }, "missing_app_id"),
            ("strategy-invalid", new() { ["dapr-shared.io/strategy"] = "sidecar" }, "invalid_strategy"),
        };

        foreach (var (name, annotations, reason) in cases)
        {
            var created = await admission.CreateWithKubectlAsync(FixturePods.PodJson(FixturePods.Orders, name, annotations), ns);

            created.Warnings.Should().ContainSingle(name).Which.Should().StartWith($"dapr-shared: {reason}: ", name);
            PodExpectations.ShouldBeAsSent(created.Stored, created.Sent);
        }

        await admission.ShouldHaveCountedAsync(
            before,
            [.. cases.Select(c => ("skipped/" + c.Reason, 1d))]);
    }

    [RealClusterFact]
    public async Task NotOptedIn_DaprSidecarPodInPlainNamespace_StoredAsSent_NeverSent()
    {
        var ns = await PlainNamespaceAsync();
        var before = await admission.MetricsAsync();
        var daprSidecarPod = FixturePods.PodJson(
            FixturePods.Checkout,
            "dapr-sidecar",
            new Dictionary<string, string?> { ["dapr-shared.io/enabled"] = null, ["dapr-shared.io/strategy"] = null });

        var created = await admission.CreateWithKubectlAsync(daprSidecarPod, ns);
        await admission.DryRunMarkerAsync(ns);

        created.Warnings.Should().BeEmpty();
        created.Stored.Metadata.Annotations.Should().Contain("dapr.io/enabled", "true", "a pod using Dapr's own sidecar is not ours to change");
        PodExpectations.ShouldBeAsSent(created.Stored, created.Sent);
        await admission.ShouldHaveCountedAsync(before, ("patched/injected", 1));
    }

    private static JsonObject Orders(string name, string? enabled) =>
        FixturePods.PodJson(FixturePods.Orders, name, new Dictionary<string, string?> { ["dapr-shared.io/enabled"] = enabled });
}
