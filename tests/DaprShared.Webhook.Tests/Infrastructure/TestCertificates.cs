using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DaprShared.TestData;

namespace DaprShared.Webhook.Tests.Infrastructure;

/// <summary>A test CA and the certificates it issues, made in the test with <see cref="CertificateRequest"/>
/// (ECDSA P-256: fast to generate).</summary>
internal sealed class TestCertificates : IDisposable
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    private TestCertificates(X509Certificate2 authority) => Authority = authority;

    /// <summary>The root the test's clients trust.</summary>
    public X509Certificate2 Authority { get; }

    public static TestCertificates CreateAuthority(string name = "dapr-shared test CA")
    {
        var now = DateTimeOffset.UtcNow;
        return new TestCertificates(TestCertificateAuthority.CreateRoot($"CN={name}", now.AddYears(-1), now.AddYears(1)));
    }

    /// <summary>A serving certificate for 127.0.0.1 and localhost, issued by <see cref="Authority"/> (or
    /// <paramref name="issuer"/>).</summary>
    public PemPair IssueServing(string commonName = "webhook", DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, X509Certificate2? issuer = null, bool serverAuth = true)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(serverAuth ? ServerAuth : "1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());

        var signer = issuer ?? Authority;
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(signer, notBefore ?? now.AddHours(-1), notAfter ?? now.AddDays(30), SerialNumber());
        return new PemPair(issued.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), issued.GetCertHashString(HashAlgorithmName.SHA256));
    }

    /// <summary>An intermediate CA under <see cref="Authority"/>, with its private key.</summary>
    public X509Certificate2 IssueIntermediate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=dapr-shared test intermediate", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(Authority, now.AddHours(-1), now.AddDays(60), SerialNumber());
        return issued.CopyWithPrivateKey(key);
    }

    public void Dispose() => Authority.Dispose();

    private static byte[] SerialNumber() => RandomNumberGenerator.GetBytes(16);
}
