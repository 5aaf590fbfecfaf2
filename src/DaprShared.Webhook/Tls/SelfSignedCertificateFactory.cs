using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DaprShared.Webhook.Tls;

/// <summary>Generates the certificate for local runs: ECDSA P-256, for localhost, 127.0.0.1 and ::1.</summary>
public static class SelfSignedCertificateFactory
{
    /// <summary>Long enough for any local session; a new one is generated at every start.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(365);

    public static X509Certificate2 CreateForLocalhost(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=dapr-shared self-signed", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "serverAuth")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());

        // Backdated a little so a client whose clock is slightly behind still accepts it.
        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Validity));
    }
}
