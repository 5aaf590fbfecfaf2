using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DaprShared.TestData;

namespace DaprShared.Kubernetes.Tests.Api;

/// <summary>A throw-away CA made in the test with <see cref="CertificateRequest"/>, and the server and client
/// certificates it issues (ECDSA P-256, or RSA for the PKCS#1 keys kubeadm writes).</summary>
internal sealed class TestAuthority : IDisposable
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    private TestAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public string Pem => Certificate.ExportCertificatePem();

    public static TestAuthority Create(string name)
    {
        var now = DateTimeOffset.UtcNow;
        return new TestAuthority(TestCertificateAuthority.CreateRoot($"CN={name}", now.AddDays(-1), now.AddDays(30)));
    }

    /// <summary>A serving certificate (with its key) for <paramref name="dnsNames"/>, and 127.0.0.1 when
    /// <paramref name="loopbackAddress"/>.</summary>
    public X509Certificate2 IssueServer(bool loopbackAddress, params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Leaf("CN=kube-apiserver", key, ServerAuth);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        if (loopbackAddress)
        {
            names.AddIpAddress(IPAddress.Loopback);
        }

        request.CertificateExtensions.Add(names.Build());
        using var issued = Issue(request);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>A client certificate and its key as PEM text (PKCS#8 for ECDSA, PKCS#1 "RSA PRIVATE KEY" for RSA).</summary>
    public (string CertificatePem, string KeyPem) IssueClient(string commonName, bool rsa = false)
    {
        using AsymmetricAlgorithm key = rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = key is RSA r
            ? new CertificateRequest($"CN={commonName}, O=system:masters", r, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest($"CN={commonName}, O=system:masters", (ECDsa)key, HashAlgorithmName.SHA256);
        AddLeafExtensions(request, ClientAuth);
        using var issued = Issue(request);
        var keyPem = key is RSA rsaKey ? rsaKey.ExportRSAPrivateKeyPem() : key.ExportPkcs8PrivateKeyPem();
        return (issued.ExportCertificatePem(), keyPem);
    }

    public void Dispose() => Certificate.Dispose();

    private static CertificateRequest Leaf(string subject, ECDsa key, string usage)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        AddLeafExtensions(request, usage);
        return request;
    }

    private static void AddLeafExtensions(CertificateRequest request, string usage)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
    }

    // Through a signature generator, so an RSA key can be certified by this ECDSA CA.
    private X509Certificate2 Issue(CertificateRequest request)
    {
        var now = DateTimeOffset.UtcNow;
        using var signingKey = Certificate.GetECDsaPrivateKey()!;
        return request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(signingKey), now.AddHours(-1), now.AddDays(7), RandomNumberGenerator.GetBytes(16));
    }
}
