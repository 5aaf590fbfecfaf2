using k8s.Models;

namespace DaprShared.Deploy.Tests.Support;

/// <summary>Picks the product's objects out of a rendered set.</summary>
public static class Find
{
    public const string WebhookConfigurationName = "dapr-shared-injector";
    public const string ServiceName = "dapr-shared-injector";
    public const string DeploymentName = "dapr-shared";

    public static V1MutatingWebhookConfiguration WebhookConfiguration(IReadOnlyList<object> objects) =>
        objects.OfType<V1MutatingWebhookConfiguration>().Should().ContainSingle().Subject;

    public static V1Deployment Deployment(IReadOnlyList<object> objects) =>
        objects.OfType<V1Deployment>().Should().ContainSingle(d => d.Metadata.Name == DeploymentName).Subject;

    public static V1Service Service(IReadOnlyList<object> objects) =>
        objects.OfType<V1Service>().Should().ContainSingle(s => s.Metadata.Name == ServiceName).Subject;

    public static V1Container Container(IReadOnlyList<object> objects) =>
        Deployment(objects).Spec.Template.Spec.Containers.Should().ContainSingle().Subject;

    public static string? Env(V1Container container, string name) =>
        container.Env?.SingleOrDefault(e => e.Name == name)?.Value;
}
