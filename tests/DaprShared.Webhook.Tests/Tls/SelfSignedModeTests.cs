using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DaprShared.TestData;
using DaprShared.Webhook.Tests.Infrastructure;

namespace DaprShared.Webhook.Tests.Tls;

/// <summary>With no certificate and no cluster, the webhook still serves HTTPS on localhost, and says so.</summary>
public sealed class SelfSignedModeTests
{
    [Fact]
    public async Task Start_SelfSigned_ServesAGeneratedLocalhostCertificateAndLogsIt()
    {
        await using var server = await WebhookServer.StartAsync(["--tls-mode", "SelfSigned"]);

        var handshake = await TlsProbe.HandshakeAsync(server.Port);

        var certificate = handshake.Certificate;
        certificate.Subject.Should().Contain("CN=localhost");
        certificate.GetECDsaPublicKey().Should().NotBeNull("the generated key is ECDSA P-256");
        certificate.GetECDsaPublicKey()!.KeySize.Should().Be(256);
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        names.EnumerateDnsNames().Should().Equal("localhost");
        names.EnumerateIPAddresses().Should().BeEquivalentTo([IPAddress.Loopback, IPAddress.IPv6Loopback]);
        server.Logs.WithEventId(205).Should().ContainSingle().Which.Message.Should().Contain(handshake.Sha256);

        using var client = server.CreateClient(certificate); // self-signed: it is its own root
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var response = await client.SendAsync(WebhookServer.Post("/mutate", Reviews.Wire("orders-deployment-pod.json")));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Start_AutoWithoutFilesOutsideACluster_IsSelfSigned()
    {
        // This machine is not a Kubernetes pod (no service account), so Auto must fall back to self-signed.
        k8s.KubernetesClientConfiguration.IsInCluster().Should().BeFalse("the test assumes it does not run in a pod");

        await using var server = await WebhookServer.StartAsync([]);

        server.Logs.WithEventId(200).Should().ContainSingle().Which.Message.Should().Contain("SelfSigned");
        (await TlsProbe.HandshakeAsync(server.Port)).Certificate.Subject.Should().Contain("CN=localhost");
    }

    [Fact]
    public void CreateForLocalhost_ValidForAYearFromNow_AndBackdated()
    {
        var now = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        using var certificate = Webhook.Tls.SelfSignedCertificateFactory.CreateForLocalhost(now);

        certificate.NotBefore.ToUniversalTime().Should().Be(now.AddMinutes(-5).UtcDateTime);
        certificate.NotAfter.ToUniversalTime().Should().Be(now.AddDays(365).UtcDateTime);
        certificate.HasPrivateKey.Should().BeTrue();
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages
            .Cast<Oid>().Select(o => o.Value).Should().Equal("1.3.6.1.5.5.7.3.1");
    }
}
