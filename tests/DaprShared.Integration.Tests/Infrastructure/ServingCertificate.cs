using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DaprShared.TestData;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>A CA and a serving certificate for 127.0.0.1 and localhost, as PEM files for <c>--tls-cert-file</c> /
/// <c>--tls-key-file</c>; <see cref="CaBundle"/> is what the webhook configuration's <c>caBundle</c> carries.</summary>
public sealed class ServingCertificate
{
    private ServingCertificate(string certFile, string keyFile, string caPem)
    {
        CertFile = certFile;
        KeyFile = keyFile;
        CaPem = caPem;
    }

    public string CertFile { get; }

    public string KeyFile { get; }

    public string CaPem { get; }

    /// <summary>Base64 of the CA's PEM, as <c>clientConfig.caBundle</c> wants it.</summary>
    public string CaBundle => Convert.ToBase64String(Encoding.ASCII.GetBytes(CaPem));

    public static ServingCertificate Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var ca = TestCertificateAuthority.CreateRoot("CN=dapr-shared-integration-ca", now, now.AddDays(2));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leaf = request.Create(ca, now, now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        var certFile = Path.Combine(folder, "tls.crt");
        var keyFile = Path.Combine(folder, "tls.key");
        File.WriteAllText(certFile, leaf.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return new ServingCertificate(certFile, keyFile, ca.ExportCertificatePem());
    }
}
