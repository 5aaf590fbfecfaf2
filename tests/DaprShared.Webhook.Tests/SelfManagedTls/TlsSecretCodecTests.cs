using System.Text;
using DaprShared.Webhook.Tls.SelfManaged;
using k8s.Models;

namespace DaprShared.Webhook.Tests.SelfManagedTls;

public sealed class TlsSecretCodecTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EncodeDecode_FullMaterial_RoundTripsCertificatesKeysAndBookkeeping()
    {
        var old = CertificateIssuer.CreateAuthority("old", Now.AddDays(-100), TimeSpan.FromDays(1000));
        var ca = CertificateIssuer.CreateAuthority("current", Now, TimeSpan.FromDays(1000));
        var serving = CertificateIssuer.IssueServing(ca, ["a.b.svc", "a"], Now, TimeSpan.FromDays(30));
        var material = new TlsMaterial(ca, [old], serving, Now, Now.AddHours(1), "7");

        var secret = TlsSecretCodec.Encode(material, "tls", "ns");
        var decoded = TlsSecretCodec.Decode(secret, out var problem);

        problem.Should().BeNull();
        decoded!.Bundle.Select(CertificateChecks.Id).Should().Equal(CertificateChecks.Id(ca), CertificateChecks.Id(old));
        decoded.Authority.HasPrivateKey.Should().BeTrue();
        CertificateChecks.Id(decoded.Serving!).Should().Be(CertificateChecks.Id(serving));
        decoded.Serving!.HasPrivateKey.Should().BeTrue();
        decoded.AuthorityIntroducedAt.Should().Be(Now);
        decoded.TrustPreviousUntil.Should().Be(Now.AddHours(1));
        decoded.ResourceVersion.Should().Be("7");
        secret.Metadata.NamespaceProperty.Should().Be("ns");
        secret.Type.Should().Be("kubernetes.io/tls");
        Encoding.ASCII.GetString(secret.Data["tls.key"]).Should().StartWith("-----BEGIN PRIVATE KEY-----");
    }

    [Fact]
    public void Decode_CaKeyOfAnotherCertificate_UnusableWithTheReason()
    {
        var ca = CertificateIssuer.CreateAuthority("current", Now, TimeSpan.FromDays(1000));
        var other = CertificateIssuer.CreateAuthority("other", Now, TimeSpan.FromDays(1000));
        var secret = TlsSecretCodec.Encode(new TlsMaterial(ca, [], null, Now, Now, null), "tls", "ns");
        secret.Data["ca.key"] = TlsSecretCodec.Encode(new TlsMaterial(other, [], null, Now, Now, null), "tls", "ns").Data["ca.key"];

        TlsSecretCodec.Decode(secret, out var problem).Should().BeNull();
        problem.Should().Contain("ca.key");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----\n")]
    public void Decode_NoReadableCa_UnusableWithTheReason(string? caPem)
    {
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "tls" },
            Data = caPem is null ? null : new Dictionary<string, byte[]> { ["ca.crt"] = Encoding.ASCII.GetBytes(caPem) },
        };

        TlsSecretCodec.Decode(secret, out var problem).Should().BeNull();
        problem.Should().Contain("ca.crt");
    }

    [Fact]
    public void Decode_ServingKeyMissing_CaKeptServingDropped()
    {
        var ca = CertificateIssuer.CreateAuthority("current", Now, TimeSpan.FromDays(1000));
        var serving = CertificateIssuer.IssueServing(ca, ["a"], Now, TimeSpan.FromDays(30));
        var secret = TlsSecretCodec.Encode(new TlsMaterial(ca, [], serving, Now, Now, null), "tls", "ns");
        secret.Data.Remove("tls.key");

        var decoded = TlsSecretCodec.Decode(secret, out _);

        decoded.Should().NotBeNull();
        decoded!.Serving.Should().BeNull();
    }

    [Fact]
    public void Decode_NoBookkeepingAnnotations_TreatedAsLongAgo()
    {
        var ca = CertificateIssuer.CreateAuthority("current", Now, TimeSpan.FromDays(1000));
        var secret = TlsSecretCodec.Encode(new TlsMaterial(ca, [], null, Now, Now, null), "tls", "ns");
        secret.Metadata.Annotations = null;

        var decoded = TlsSecretCodec.Decode(secret, out _);

        decoded!.AuthorityIntroducedAt.Should().Be(DateTimeOffset.MinValue);
        decoded.TrustPreviousUntil.Should().Be(DateTimeOffset.MinValue);
    }
}
