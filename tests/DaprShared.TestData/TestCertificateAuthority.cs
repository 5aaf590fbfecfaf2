using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DaprShared.TestData;

/// <summary>Throw-away certificate authorities for tests, made with <see cref="CertificateRequest"/> (ECDSA P-256:
/// fast to generate). Each test suite issues its own leaves from them.</summary>
public static class TestCertificateAuthority
{
    /// <summary>A self-signed CA certificate with its private key.</summary>
    public static X509Certificate2 CreateRoot(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }
}
