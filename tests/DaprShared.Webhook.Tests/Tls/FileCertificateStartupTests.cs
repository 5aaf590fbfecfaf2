using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DaprShared.TestData;
using DaprShared.Webhook.Hosting;
using DaprShared.Webhook.Tests.Infrastructure;
using DaprShared.Webhook.Tls;
using Microsoft.Extensions.Logging;

namespace DaprShared.Webhook.Tests.Tls;

/// <summary>What files mode does with the certificate it finds at start-up.</summary>
public sealed class FileCertificateStartupTests : IDisposable
{
    private readonly TestCertificates certificates = TestCertificates.CreateAuthority();
    private readonly SecretVolume volume = new();

    public void Dispose()
    {
        volume.Dispose();
        certificates.Dispose();
    }

    [Fact]
    public async Task Start_MissingCertificateFile_FailsNamingTheFile()
    {
        var missing = Path.Combine(volume.Root, "absent.crt");

        var start = () => WebhookServer.StartAsync(["--tls-cert-file", missing, "--tls-key-file", missing]);

        (await start.Should().ThrowAsync<ServingCertificateException>()).Which.Message.Should().Contain(missing);
    }

    [Fact]
    public async Task RunAsync_UnusableCertificate_ExitsWithOneLineOnStderr()
    {
        volume.Write("not a certificate", "not a key");
        var app = WebhookServer.Create(["--tls-cert-file", volume.CertFile, "--tls-key-file", volume.KeyFile], null, out _, out _);
        using var stderr = new StringWriter();

        var exitCode = await WebhookHost.RunAsync(app, stderr);

        exitCode.Should().Be(1);
        stderr.ToString().Should().StartWith("dapr-shared: cannot start: ").And.Contain("holds no PEM CERTIFICATE block");
    }

    [Fact]
    public async Task Start_ExpiredCertificate_IsServedWithAnErrorAndTheExpiryInMetrics()
    {
        var notAfter = DateTimeOffset.UtcNow.AddDays(-1);
        var expired = certificates.IssueServing("expired", DateTimeOffset.UtcNow.AddDays(-30), notAfter);
        volume.Write(expired);

        await using var server = await WebhookServer.StartWithFilesAsync(volume);

        (await TlsProbe.HandshakeAsync(server.Port)).Sha256.Should().Be(expired.Sha256);
        server.Logs.WithEventId(202).Should().ContainSingle().Which.Level.Should().Be(LogLevel.Error);
        using var client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true }, // it IS expired: read metrics anyway
        }) { BaseAddress = server.BaseAddress };
        var metrics = await client.GetStringAsync("/metrics");
        MetricsText.Value(metrics, "dapr_shared_certificate_expiry_timestamp_seconds")
            .Should().BeApproximately(notAfter.ToUnixTimeSeconds(), 1);
    }

    [Fact]
    public async Task Start_CertificateWithIntermediate_SendsTheChain()
    {
        using var intermediate = certificates.IssueIntermediate();
        var leaf = certificates.IssueServing("chained", issuer: intermediate);
        volume.Write(leaf.Certificate + "\n" + intermediate.ExportCertificatePem() + "\n", leaf.Key);

        await using var server = await WebhookServer.StartWithFilesAsync(volume);
        using var client = server.CreateClient(certificates.Authority); // trusts the root only: needs the intermediate sent

        using var response = await client.GetAsync("/healthz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Start_CertificateWithoutServerAuthUsage_FailsSayingSo()
    {
        volume.Write(certificates.IssueServing("client-only", serverAuth: false));

        var start = () => WebhookServer.StartWithFilesAsync(volume);

        (await start.Should().ThrowAsync<ServingCertificateException>()).Which.Message.Should().Contain("serverAuth");
    }

    [Fact]
    public async Task Start_EncryptedKey_FailsNamingTheKeyFile()
    {
        var pair = certificates.IssueServing();
        using var key = ECDsa.Create();
        key.ImportFromPem(pair.Key);
        var encrypted = key.ExportEncryptedPkcs8PrivateKeyPem("secret", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
        volume.Write(pair.Certificate, encrypted);

        var start = () => WebhookServer.StartWithFilesAsync(volume);

        (await start.Should().ThrowAsync<ServingCertificateException>()).Which.Message.Should().Contain(volume.KeyFile);
    }

    [Fact]
    public async Task Start_Rsa2048Certificate_IsServed()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=rsa", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var authorityKey = certificates.Authority.GetECDsaPrivateKey()!;
        using var issued = request.Create(
            certificates.Authority.SubjectName, X509SignatureGenerator.CreateForECDsa(authorityKey), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), [1, 2, 3, 4]);
        volume.Write(issued.ExportCertificatePem(), rsa.ExportRSAPrivateKeyPem()); // PKCS#1, as openssl genrsa writes it

        await using var server = await WebhookServer.StartWithFilesAsync(volume);
        using var client = server.CreateClient(certificates.Authority);

        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
