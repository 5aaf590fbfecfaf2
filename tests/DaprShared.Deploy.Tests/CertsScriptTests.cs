using System.Security.Cryptography.X509Certificates;
using DaprShared.Deploy.Tests.Support;
using DaprShared.TestData.Tools;

namespace DaprShared.Deploy.Tests;

/// <summary>certs/generate.sh makes what a manual install needs, checked with .NET's own X.509 code.</summary>
public sealed class CertsScriptTests : IDisposable
{
    private readonly string _outDir = Path.Combine(Path.GetTempPath(), "dapr-shared-certs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_outDir))
        {
            Directory.Delete(_outDir, recursive: true);
        }
    }

    [Fact]
    public void Generate_ServiceAndNamespace_ServingCertificateNamesEveryDnsFormAndChainsToTheCa()
    {
        var result = Generate("dapr-shared-injector", "dapr-shared-system", _outDir);

        result.ExitCode.Should().Be(0, result.StandardError);
        using var serving = X509Certificate2.CreateFromPemFile(Path.Combine(_outDir, "tls.crt"), Path.Combine(_outDir, "tls.key"));
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_outDir, "ca.crt"));

        serving.HasPrivateKey.Should().BeTrue();
        DnsNames(serving).Should().BeEquivalentTo(
            "dapr-shared-injector",
            "dapr-shared-injector.dapr-shared-system",
            "dapr-shared-injector.dapr-shared-system.svc",
            "dapr-shared-injector.dapr-shared-system.svc.cluster.local");
        serving.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.Should().BeFalse();
        serving.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages
            .Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).Should().Equal("1.3.6.1.5.5.7.3.1");
        ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.Should().BeTrue();

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.Build(serving).Should().BeTrue(string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));

        Convert.FromBase64String(result.StandardOutput.Trim()).Should().Equal(File.ReadAllBytes(Path.Combine(_outDir, "ca.crt")),
            "stdout is the caBundle: base64 of ca.crt");
    }

    [Fact]
    public void Generate_ClusterDomainSet_LongestNameUsesIt()
    {
        var result = Generate("hook", "team-a", _outDir, ("CLUSTER_DOMAIN", "cluster.example"));

        result.ExitCode.Should().Be(0, result.StandardError);
        using var serving = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_outDir, "tls.crt"));
        DnsNames(serving).Should().Contain("hook.team-a.svc.cluster.example").And.NotContain(n => n.EndsWith("cluster.local"));
    }

    [Theory]
    [InlineData("Bad_Name", "ns", "not a valid Service name")]
    [InlineData("svc", "ns;rm -rf", "not a valid namespace name")]
    [InlineData("svc", "", "not a valid namespace name")]
    public void Generate_InvalidName_ExitsTwoWithTheReasonAndWritesNothing(string service, string ns, string reason)
    {
        var result = Generate(service, ns, _outDir);

        result.ExitCode.Should().Be(2);
        result.StandardError.Should().Contain(reason);
        Directory.Exists(_outDir).Should().BeFalse();
    }

    [Fact]
    public void Generate_MissingArguments_PrintsUsage()
    {
        var result = ExternalCommand.Run("bash", [Path.Combine(RepositoryPaths.Root, "certs", "generate.sh"), "only-one"]);

        result.ExitCode.Should().Be(2);
        result.StandardError.Should().Contain("generate.sh SERVICE NAMESPACE [OUTDIR]");
    }

    private static ProcessResult Generate(string service, string ns, string outDir, params (string Name, string Value)[] environment)
    {
        var script = Path.Combine(RepositoryPaths.Root, "certs", "generate.sh");
        var env = environment.Select(e => $"{e.Name}={e.Value}");
        return ExternalCommand.Run("env", [.. env, "bash", script, service, ns, outDir]);
    }

    private static IReadOnlyList<string> DnsNames(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToList();
}
