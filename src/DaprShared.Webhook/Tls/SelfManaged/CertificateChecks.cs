using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>Questions about certificates that the planner and the readiness check ask.</summary>
public static class CertificateChecks
{
    /// <summary>SHA-256 of the certificate, what identifies it in comparisons and logs.</summary>
    public static string Id(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>Whether <paramref name="leaf"/> is signed by <paramref name="authority"/>. Validity periods are not
    /// checked here: expiry is handled by renewal, and reported by the host.</summary>
    public static bool IsIssuedBy(X509Certificate2 leaf, X509Certificate2 authority)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(authority);
        if (!leaf.IssuerName.RawData.AsSpan().SequenceEqual(authority.SubjectName.RawData))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(leaf)
            && chain.ChainElements.Count == 2
            && Id(chain.ChainElements[1].Certificate) == Id(authority);
    }

    /// <summary>Whether <paramref name="leaf"/> is signed by any of <paramref name="authorities"/>.</summary>
    public static bool ChainsToAny(X509Certificate2 leaf, IEnumerable<X509Certificate2> authorities) =>
        authorities.Any(ca => IsIssuedBy(leaf, ca));

    /// <summary>The moment a certificate is due for renewal: two thirds into its lifetime.</summary>
    public static DateTimeOffset RenewAt(X509Certificate2 certificate)
    {
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        return notBefore + ((notAfter - notBefore) * 2 / 3);
    }

    public static bool IsExpired(X509Certificate2 certificate, DateTimeOffset now) =>
        certificate.NotAfter.ToUniversalTime() <= now.UtcDateTime;

    /// <summary>The DNS names in the subject alternative name extension.</summary>
    public static IReadOnlySet<string> DnsNames(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(san => san.EnumerateDnsNames())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
}
