using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>Makes the webhook's CA and serving certificates: ECDSA P-256 (small, fast handshakes, accepted by
/// every supported kube-apiserver), SHA-256 signatures, random serial numbers. Pure apart from key generation.</summary>
public static class CertificateIssuer
{
    /// <summary>How far NotBefore is set in the past, so an API server whose clock is a little behind accepts a
    /// certificate made a moment ago.</summary>
    public static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);

    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>A self-signed CA that may sign end-entity certificates only (path length 0).</summary>
    public static X509Certificate2 CreateAuthority(string commonName, DateTimeOffset now, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + commonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now - Backdate, now + validity);
    }

    /// <summary>A serving certificate for <paramref name="dnsNames"/>, signed by <paramref name="authority"/> (which must
    /// carry its private key). It never outlives the CA.</summary>
    public static X509Certificate2 IssueServing(
        X509Certificate2 authority, IReadOnlyList<string> dnsNames, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentOutOfRangeException.ThrowIfZero(dnsNames.Count);
        using var caKey = authority.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException("the CA certificate carries no ECDSA private key");

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + dnsNames[0]), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthenticationOid, "serverAuth")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());

        var notBefore = now - Backdate;
        var notAfter = Min(now + validity, authority.NotAfter.ToUniversalTime());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number, as RFC 5280 requires
        using var signed = request.Create(authority.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), notBefore, notAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>The DNS names the API server may use for a Service: <c>svc</c>, <c>svc.ns</c>, <c>svc.ns.svc</c> and
    /// <c>svc.ns.svc.&lt;cluster domain&gt;</c>. The first, the name the API server calls, becomes the common name.</summary>
    public static IReadOnlyList<string> ServiceDnsNames(string service, string ns, string clusterDomain) =>
    [
        $"{service}.{ns}.svc",
        $"{service}.{ns}.svc.{clusterDomain}",
        $"{service}.{ns}",
        service,
    ];

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
