using DaprShared.Deploy.Tests.Support;
using k8s.Models;

namespace DaprShared.Deploy.Tests;

/// <summary>The MutatingWebhookConfiguration is the product's blast radius: these are the properties that keep
/// it from slowing or breaking pod creation anywhere it is not wanted (DESIGN §3, §5, §8; issue 4).</summary>
public sealed class WebhookConfigurationTests
{
    private const string PodOptInCondition =
        "has(object.metadata.annotations) && 'dapr-shared.io/enabled' in object.metadata.annotations && object.metadata.annotations['dapr-shared.io/enabled'].lowerAscii() != 'false'";

    private const string NamespaceOptInCondition =
        "!has(object.metadata.annotations) || !('dapr-shared.io/enabled' in object.metadata.annotations)";

    private static readonly string[] AlwaysExcluded = ["kube-system", "kube-public", "kube-node-lease", Rendered.Namespace];

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void Name_ComparedWithDaprsInjector_SortsFirst(ManifestSource source)
    {
        var configuration = Find.WebhookConfiguration(Rendered.Objects(source));

        configuration.Metadata.Name.Should().Be(Find.WebhookConfigurationName);
        string.CompareOrdinal(configuration.Metadata.Name, "dapr-sidecar-injector").Should().BeNegative(
            "the API server calls mutating configurations in name order, and Dapr's injector must see dapr.io/enabled=false");
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void Webhooks_Always_ArePodOptInAndNamespaceOptInEntries(ManifestSource source)
    {
        var webhooks = Find.WebhookConfiguration(Rendered.Objects(source)).Webhooks;

        webhooks.Select(w => w.ClientConfig.Service.Path).Should().Equal("/mutate", "/mutate/namespace-opt-in");
        webhooks.Select(w => w.Name).Should().OnlyHaveUniqueItems().And.AllSatisfy(name =>
            name.Split('.').Should().HaveCountGreaterThanOrEqualTo(3, "webhook names must be fully qualified"));
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void Rules_EveryWebhook_PodCreateOnly(ManifestSource source)
    {
        foreach (var webhook in Find.WebhookConfiguration(Rendered.Objects(source)).Webhooks)
        {
            var rule = webhook.Rules.Should().ContainSingle().Subject;
            rule.Operations.Should().Equal("CREATE");
            rule.Resources.Should().Equal("pods");
            rule.ApiGroups.Should().Equal(string.Empty);
            rule.ApiVersions.Should().Equal("v1");
            rule.Scope.Should().Be("Namespaced");
        }
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void Settings_EveryWebhook_SafeForAClusterWideWebhook(ManifestSource source)
    {
        foreach (var webhook in Find.WebhookConfiguration(Rendered.Objects(source)).Webhooks)
        {
            webhook.SideEffects.Should().Be("None");
            webhook.FailurePolicy.Should().Be("Ignore");
            webhook.TimeoutSeconds.Should().NotBeNull().And.BeInRange(1, 10);
            webhook.AdmissionReviewVersions.Should().Equal("v1");
            webhook.ReinvocationPolicy.Should().Be("IfNeeded");
            webhook.MatchPolicy.Should().Be("Equivalent");
        }
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void NamespaceSelector_EveryWebhook_ExcludesSystemNamespacesItsOwnAndTheKillSwitch(ManifestSource source)
    {
        foreach (var webhook in Find.WebhookConfiguration(Rendered.Objects(source)).Webhooks)
        {
            var expressions = webhook.NamespaceSelector.MatchExpressions;
            var byName = expressions.Should().ContainSingle(e => e.Key == "kubernetes.io/metadata.name").Subject;
            byName.OperatorProperty.Should().Be("NotIn");
            byName.Values.Should().Contain(AlwaysExcluded);

            var killSwitch = expressions.Should().ContainSingle(e => e.Key == "dapr-shared.io/admission").Subject;
            killSwitch.OperatorProperty.Should().Be("NotIn");
            killSwitch.Values.Should().Equal("disabled");
        }
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void MatchConditions_PodOptInEntry_ExactlyTheVerifiedExpression(ManifestSource source)
    {
        var webhook = Find.WebhookConfiguration(Rendered.Objects(source)).Webhooks
            .Single(w => w.ClientConfig.Service.Path == "/mutate");

        webhook.MatchConditions.Should().ContainSingle().Which.Expression.Should().Be(PodOptInCondition);
        webhook.NamespaceSelector.MatchLabels.Should().BeNullOrEmpty("a pod that opts in is seen in any namespace");
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void MatchConditions_NamespaceOptInEntry_ExactlyTheVerifiedExpressionInLabelledNamespaces(ManifestSource source)
    {
        var webhook = Find.WebhookConfiguration(Rendered.Objects(source)).Webhooks
            .Single(w => w.ClientConfig.Service.Path == "/mutate/namespace-opt-in");

        webhook.MatchConditions.Should().ContainSingle().Which.Expression.Should().Be(NamespaceOptInCondition);
        webhook.NamespaceSelector.MatchLabels.Should().Equal(new Dictionary<string, string> { ["dapr-shared.io/enabled"] = "true" });
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void ClientConfig_EveryWebhook_ReachesTheContainerThroughTheService(ManifestSource source)
    {
        var objects = Rendered.Objects(source);
        var service = Find.Service(objects);
        var container = Find.Container(objects);

        foreach (var webhook in Find.WebhookConfiguration(objects).Webhooks)
        {
            var reference = webhook.ClientConfig.Service;
            webhook.ClientConfig.Url.Should().BeNull();
            reference.Name.Should().Be(service.Metadata.Name);
            reference.NamespaceProperty.Should().Be(service.Metadata.NamespaceProperty);
            reference.Path.Should().NotContain("?", "the API server rejects query strings in webhook paths");

            var port = service.Spec.Ports.Should().ContainSingle(p => p.Port == (reference.Port ?? 443)).Subject;
            var target = port.TargetPort.Value;
            container.Ports.Should().ContainSingle(p => p.Name == target || p.ContainerPort.ToString() == target)
                .Which.ContainerPort.Should().Be(8443);
        }

        service.Spec.Selector.Should().Equal(Find.Deployment(objects).Spec.Selector.MatchLabels);
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void CaBundle_SelfManagedDefault_LeftForTheWebhookToWrite(ManifestSource source)
    {
        var configuration = Find.WebhookConfiguration(Rendered.Objects(source));

        configuration.Webhooks.Should().AllSatisfy(w => w.ClientConfig.CaBundle.Should().BeNullOrEmpty());
        Find.Env(Find.Container(Rendered.Objects(source)), "Tls__Mode").Should().Be("SelfManaged");
    }
}
