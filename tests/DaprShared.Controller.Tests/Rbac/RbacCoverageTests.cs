using DaprShared.Controller.Tests.Support;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.FakeKubeApi;
using FluentAssertions.Execution;
using k8s.Models;
using Xunit.Abstractions;

namespace DaprShared.Controller.Tests.Rbac;

/// <summary>The fake API server allows everything, so this test plays the authorizer: it runs the controller through
/// its realistic scenarios, then checks every request it sent against the RBAC that deploy/install.yaml grants the
/// injector's ServiceAccount, and the other way round, that every permission granted is used (least privilege).</summary>
[Collection(ControllerCollection.Name)]
public sealed class RbacCoverageTests(ITestOutputHelper output)
{
    private const string ServiceAccountNamespace = "dapr-shared-system";
    private const string ServiceAccountName = "dapr-shared";

    /// <summary>Granted to the same ServiceAccount for the webhook, not the controller: the self-managed TLS mode
    /// (tests/DaprShared.Webhook.Tests/SelfManagedTls) keeps its CA and serving certificate in one Secret and writes
    /// the CA into the caBundle of its own MutatingWebhookConfiguration. Key: <see cref="GrantedRule.Key"/>.</summary>
    private static readonly Dictionary<string, string> UsedByTheWebhookOnly = new(StringComparer.Ordinal)
    {
        ["get core/secrets [dapr-shared-injector-tls] in dapr-shared-system"] = "self-managed TLS reads its certificate Secret",
        ["update core/secrets [dapr-shared-injector-tls] in dapr-shared-system"] = "self-managed TLS rotates its certificate Secret",
        ["create core/secrets in dapr-shared-system"] = "self-managed TLS creates its certificate Secret (create cannot be limited by name)",
        ["get admissionregistration.k8s.io/mutatingwebhookconfigurations [dapr-shared-injector] in *"] = "self-managed TLS reads the caBundle",
        ["patch admissionregistration.k8s.io/mutatingwebhookconfigurations [dapr-shared-injector] in *"] = "self-managed TLS writes the caBundle",
    };

    [Fact]
    public async Task ControllerScenarios_AgainstInstallYaml_EveryRequestAllowedAndEveryGrantUsed()
    {
        var policy = RbacPolicy.ForServiceAccount(RbacPolicy.LoadInstallYaml(), ServiceAccountNamespace, ServiceAccountName);
        policy.Rules.Should().NotBeEmpty("install.yaml binds roles to {0}/{1}", ServiceAccountNamespace, ServiceAccountName);

        var (requests, implied) = await RunScenariosAsync();

        var checks = requests.Select(ApiRequest.From).Concat(implied).ToList();
        var nonResource = requests.Where(r => r.Verb.Length == 0).Select(r => $"{r.Method} {r.Path}").Distinct().ToList();
        var denied = checks.Where(c => c.Verb.Length > 0 && !policy.Allows(c)).Select(c => c.ToString()).Distinct().Order(StringComparer.Ordinal).ToList();
        var grants = policy.Rules.SelectMany(r => r.Split()).ToList();
        var unused = grants.Where(g => !checks.Any(g.Allows)).ToList();
        var unexplained = unused.Where(g => !UsedByTheWebhookOnly.ContainsKey(g.Key)).Select(g => g.ToString()).ToList();
        var staleExemptions = UsedByTheWebhookOnly.Keys
            .Where(key => !unused.Any(g => g.Key == key))
            .Select(key => grants.Any(g => g.Key == key) ? key + " (used by the controller after all)" : key + " (not granted any more)")
            .ToList();

        output.WriteLine($"{requests.Count} requests by the controller, {checks.Select(c => c.ToString()).Distinct().Count()} distinct checks, {grants.Count} grants");
        foreach (var grant in grants)
        {
            output.WriteLine($"  {(unused.Contains(grant) ? "UNUSED " : "used   ")} {grant}");
        }

        // Joined, so a failure lists every finding, not only the first.
        using (new AssertionScope())
        {
            string.Join('\n', nonResource).Should().BeEmpty("the controller only calls resource APIs");
            string.Join('\n', denied).Should().BeEmpty("install.yaml must allow every request the controller makes");
            string.Join('\n', unexplained).Should().BeEmpty("every permission granted must be used by a controller scenario, or be listed in UsedByTheWebhookOnly with the reason");
            string.Join('\n', staleExemptions).Should().BeEmpty("UsedByTheWebhookOnly must list exactly the grants the controller does not use");
        }
    }

    /// <summary>One cluster, one scenario per namespace, then a leader hand-over; returns the controllers' requests
    /// (from the fake's log) and the checks implied by what they wrote.</summary>
    private async Task<(IReadOnlyList<FakeRequest> Requests, IReadOnlyList<ApiRequest> Implied)> RunScenariosAsync()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var tapA = new ControllerRequestTap();
        var tapB = new ControllerRequestTap();
        var a = harness.StartController("a", observer: tapA);
        await ControllerHarness.WaitUntilAsync(() => a.IsLeader, "a leads (it created the Lease)");

        // A second replica stays a follower: it reads the Lease and nothing else, until a hands over.
        var b = harness.StartController("b", observer: tapB);

        // A daemonset instance created from an injected pod: instance create, owned objects applied, token Secret,
        // trust anchors from Dapr's bundle (present), status, Event.
        harness.PutPod("from-pod", "orders-1", "orders", new Dictionary<string, string> { [DaprSharedKeys.AppPort] = "8080" });
        await harness.WaitForReadyAsync("from-pod", "orders");

        // A deployment instance a user created: Deployment and PodDisruptionBudget.
        await harness.CreateInstanceAsync("gitops", new DaprSharedInstanceSpec { AppId = "cart", Strategy = "deployment", Replicas = 2 });
        await harness.WaitForReadyAsync("gitops", "cart");

        // Strategy switches both ways: each deletes the workload kinds the other strategy does not use.
        harness.Store.Update<DaprSharedInstance>("from-pod", "orders", i => i.Spec.Strategy = "deployment");
        harness.Store.Update<DaprSharedInstance>("gitops", "cart", i => i.Spec.Strategy = "daemonset");
        await ControllerHarness.WaitUntilAsync(
            () => harness.Store.Get<V1DaemonSet>("from-pod", "orders-dapr-shared") is null
                && harness.Store.Get<V1Service>("from-pod", "orders-dapr-local") is null
                && harness.Store.Get<V1Deployment>("from-pod", "orders-dapr-shared") is not null
                && harness.Store.Get<V1Deployment>("gitops", "cart-dapr-shared") is null
                && harness.Store.Get<V1PodDisruptionBudget>("gitops", "cart-dapr-shared") is null
                && harness.Store.Get<V1DaemonSet>("gitops", "cart-dapr-shared") is not null,
            "both strategy switches are done");

        // An object of our name that we do not manage: read, left alone, Conflict condition and Event.
        harness.Store.Put(new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = "billing-dapr", NamespaceProperty = "conflict" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "web", Port = 80 }] },
        });
        await harness.CreateInstanceAsync("conflict", new DaprSharedInstanceSpec { AppId = "billing" });
        await ControllerHarness.WaitUntilAsync(() => harness.Events("conflict", "ObjectConflict").Count == 1, "the conflict is reported");

        // A pod the webhook missed: an Event on the pod, and its instance.
        harness.PutPod("missed", "legacy-1", "legacy", injected: false);
        await ControllerHarness.WaitUntilAsync(() => harness.Events("missed", "NotInjected").Count == 1, "the missed pod is reported");
        await harness.WaitForReadyAsync("missed", "legacy");

        // Drift repaired and the trust bundle rotated: forced applies to existing objects.
        harness.Store.Update<V1Service>("gitops", "cart-dapr", s => s.Spec.Ports = s.Spec.Ports.Take(1).ToList());
        const string Rotated = "-----BEGIN CERTIFICATE-----\nMIIBrotatedForRbac\n-----END CERTIFICATE-----\n";
        harness.PutTrustBundle(Rotated);
        await ControllerHarness.WaitUntilAsync(
            () => harness.Store.Get<V1Service>("gitops", "cart-dapr")?.Spec.Ports.Count == 4
                && new[] { "from-pod", "gitops", "missed" }.All(ns => harness.Store.Get<V1ConfigMap>(ns, SharedObjectNames.TrustAnchorsConfigMap)?.Data[SharedObjectNames.TrustAnchorsKey] == Rotated),
            "the Service is repaired and the anchors follow the bundle");

        // Leader hand-over: a releases the Lease on a graceful stop, b takes it and reconciles everything again.
        await a.StopAsync();
        await ControllerHarness.WaitUntilAsync(() => b.IsLeader, "b takes over");
        harness.PutPod("after-handover", "late-1", "late");
        await harness.WaitForReadyAsync("after-handover", "late");
        await b.StopAsync();

        var requests = harness.Server.Requests.All.Where(r => ControllerRequestTap.IsProbe(r.UserAgent)).ToList();
        var created = requests
            .Where(r => r.Verb == Verbs.Patch && r.StatusCode == 201)
            .Select(r => ApiRequest.From(r) with { Verb = Verbs.Create, Why = "server-side apply created the object, which is also authorized as create" });
        return (requests, [.. created, .. tapA.ImpliedFinalizerChecks, .. tapB.ImpliedFinalizerChecks]);
    }
}
