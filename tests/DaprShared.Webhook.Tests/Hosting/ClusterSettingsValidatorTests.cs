using DaprShared.Core.Contract;
using DaprShared.Webhook.Hosting;

namespace DaprShared.Webhook.Tests.Hosting;

public sealed class ClusterSettingsValidatorTests
{
    private readonly ClusterSettingsValidator validator = new();

    [Theory]
    [InlineData("cluster.local")]
    [InlineData("corp.example.com")]
    [InlineData("k8s-1.internal")]
    [InlineData("local")]
    public void Validate_DnsDomain_Succeeds(string domain)
    {
        validator.Validate(null, new ClusterSettings { ClusterDomain = domain }).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("cluster.local.")]
    [InlineData(".cluster.local")]
    [InlineData("Cluster.Local")]
    [InlineData("cluster_local")]
    [InlineData("-cluster.local")]
    [InlineData("cluster..local")]
    [InlineData("cluster.local/x")]
    public void Validate_NotADnsDomain_Fails(string domain)
    {
        validator.Validate(null, new ClusterSettings { ClusterDomain = domain }).FailureMessage.Should().Contain("Injector:ClusterDomain");
    }

    [Fact]
    public void Validate_LabelLongerThan63_Fails()
    {
        validator.Validate(null, new ClusterSettings { ClusterDomain = new string('a', 64) + ".local" }).Failed.Should().BeTrue();
    }
}
