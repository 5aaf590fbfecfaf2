using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DaprShared.TestData;

namespace DaprShared.AotSmoke;

/// <summary>Certificates made on the fly (no openssl needed): the webhook's serving certificate, and a root that
/// plays Dapr's trust anchor.</summary>
internal static class SmokeCertificates
{
    /// <summary>An ECDSA P-256 leaf for 127.0.0.1 and localhost, valid for a day, written to
    /// <paramref name="directory"/> as <c>tls.crt</c> and <c>tls.key</c> (PKCS#8).</summary>
    public static ServingCertificateFiles WriteServing(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=dapr-shared-aot-smoke", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var certFile = Path.Combine(directory, "tls.crt");
        var keyFile = Path.Combine(directory, "tls.key");
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return new ServingCertificateFiles(certFile, keyFile, certificate.GetCertHash(HashAlgorithmName.SHA256));
    }

    /// <summary>A self-signed CA certificate (PEM) to stand in for the <c>ca.crt</c> of Dapr's trust bundle.</summary>
    public static string CreateRootPem()
    {
        var now = DateTimeOffset.UtcNow;
        using var certificate = TestCertificateAuthority.CreateRoot("O=cluster.local", now.AddMinutes(-5), now.AddDays(1));
        return certificate.ExportCertificatePem() + "\n";
    }
}
