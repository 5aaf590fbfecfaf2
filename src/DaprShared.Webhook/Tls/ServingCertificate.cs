using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DaprShared.Webhook.Tls;

/// <summary>A certificate ready to serve: the leaf with its private key, and the TLS context (leaf plus any
/// intermediates) built once here rather than on every handshake.</summary>
public sealed class ServingCertificate
{
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    private ServingCertificate(X509Certificate2 certificate, SslStreamCertificateContext context)
    {
        Certificate = certificate;
        Context = context;
        Sha256 = certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>The leaf certificate, with a private key that SslStream can use.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>What Kestrel hands to SslStream: the leaf and the intermediates to send with it.</summary>
    public SslStreamCertificateContext Context { get; }

    /// <summary>Hex SHA-256 of the leaf (what <c>openssl x509 -fingerprint -sha256</c> prints, without colons).</summary>
    public string Sha256 { get; }

    public DateTimeOffset NotBefore => Certificate.NotBefore.ToUniversalTime();

    public DateTimeOffset NotAfter => Certificate.NotAfter.ToUniversalTime();

    public string Subject => Certificate.Subject;

    /// <summary>Wraps a certificate that has a private key. Throws <see cref="ServingCertificateException"/> when
    /// it cannot serve TLS (no private key, or an extended key usage without serverAuth).</summary>
    /// <param name="certificateWithKey">The leaf; it is copied, the caller keeps ownership.</param>
    /// <param name="intermediates">Certificates sent after the leaf (from the same PEM file), or null.</param>
    public static ServingCertificate Create(X509Certificate2 certificateWithKey, X509Certificate2Collection? intermediates = null)
    {
        ArgumentNullException.ThrowIfNull(certificateWithKey);
        if (!certificateWithKey.HasPrivateKey)
        {
            throw new ServingCertificateException($"certificate {certificateWithKey.Subject} has no private key");
        }

        if (!AllowsServerAuthentication(certificateWithKey))
        {
            throw new ServingCertificateException(
                $"certificate {certificateWithKey.Subject} is not valid for TLS servers: its extended key usage lacks serverAuth");
        }

        var usable = WithPersistedKey(certificateWithKey);

        // offline: the chain is built from what we were given, never fetched over the network (AIA) on start-up.
        var context = SslStreamCertificateContext.Create(usable, intermediates, offline: true);
        return new ServingCertificate(usable, context);
    }

    // A certificate combined with a key loaded from PEM holds an ephemeral key, which Windows' TLS stack (SChannel)
    // refuses. A PKCS#12 round trip gives a key every platform's SslStream accepts; doing it everywhere keeps one
    // code path, and it costs a few milliseconds once per certificate, not per handshake.
    private static X509Certificate2 WithPersistedKey(X509Certificate2 certificate)
    {
        var pkcs12 = certificate.Export(X509ContentType.Pkcs12);
        try
        {
            return X509CertificateLoader.LoadPkcs12(pkcs12, password: null, X509KeyStorageFlags.Exportable);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs12);
        }
    }

    private static bool AllowsServerAuthentication(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509EnhancedKeyUsageExtension usage)
            {
                foreach (var oid in usage.EnhancedKeyUsages)
                {
                    if (oid.Value == ServerAuthenticationOid)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        // No extended key usage at all means any usage (RFC 5280 §4.2.1.12).
        return true;
    }
}
