using DaprShared.Kubernetes.Cluster;
using DaprShared.Webhook.Tls;
using DaprShared.Webhook.Tls.SelfManaged;

namespace DaprShared.Webhook.Tests.SelfManagedTls;

public sealed class SelfManagedTlsOptionsTests
{
    private readonly SelfManagedTlsOptionsValidator validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        validator.Validate(null, new SelfManagedTlsOptions()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_CaNoLongerThanThreeServingLifetimes_FailsNamingBothKeys()
    {
        var result = validator.Validate(null, new SelfManagedTlsOptions { CaValidity = TimeSpan.FromDays(700), ServingValidity = TimeSpan.FromDays(365) });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Tls:SelfManaged:CaValidity").And.Contain("ServingValidity");
    }

    [Fact]
    public void Validate_OverlapShorterThanFourPolls_Fails()
    {
        var result = validator.Validate(null, new SelfManagedTlsOptions { PollInterval = TimeSpan.FromMinutes(20), TrustOverlap = TimeSpan.FromMinutes(30) });

        result.FailureMessage.Should().Contain("TrustOverlap");
    }

    [Theory]
    [InlineData("Bad_Name")]
    [InlineData("-leading")]
    [InlineData("")]
    public void Validate_InvalidServiceName_Fails(string name)
    {
        validator.Validate(null, new SelfManagedTlsOptions { ServiceName = name }).FailureMessage.Should().Contain("ServiceName");
    }

    [Fact]
    public void ResolveNamespace_ConfiguredThenPodNamespaceThenServiceAccount_FirstNonEmptyWins()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "from-file\n");

            SelfManagedTlsRegistration.ResolveNamespace("configured", Process("pod", file)).Should().Be("configured");
            SelfManagedTlsRegistration.ResolveNamespace("", Process("pod", file)).Should().Be("pod");
            SelfManagedTlsRegistration.ResolveNamespace(" ", Process(null, file)).Should().Be("from-file");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ResolveNamespace_NothingKnown_ClearError()
    {
        var act = () => SelfManagedTlsRegistration.ResolveNamespace(null, Process(null, "/nonexistent/namespace"));

        act.Should().Throw<ServingCertificateException>().WithMessage("*POD_NAMESPACE*");
    }

    // The process's identity as the host finds it: POD_NAMESPACE, else the ServiceAccount's namespace file.
    private static ProcessIdentity Process(string? podNamespace, string serviceAccountFile) =>
        ProcessIdentity.Resolve(name => name == ProcessIdentity.NamespaceVariable ? podNamespace : null, serviceAccountFile, "webhook-0");
}
