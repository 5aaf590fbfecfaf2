using System.Security.Cryptography.X509Certificates;

namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>What the TLS Secret holds, decoded: the CA bundle (the current CA first, with its key; then CAs that are
/// still trusted during an overlap), the serving certificate with its key, and the rotation bookkeeping.</summary>
/// <param name="Authority">The current CA, with its private key.</param>
/// <param name="PreviousAuthorities">Earlier CAs still in the bundle (no keys).</param>
/// <param name="Serving">The serving certificate with its key; null when missing or unusable.</param>
/// <param name="AuthorityIntroducedAt">When the current CA was introduced (written to the caBundle).</param>
/// <param name="TrustPreviousUntil">Until when <paramref name="PreviousAuthorities"/> stay in the bundle.</param>
/// <param name="ResourceVersion">The Secret's resourceVersion, for optimistic concurrency; null before it exists.</param>
public sealed record TlsMaterial(
    X509Certificate2 Authority,
    IReadOnlyList<X509Certificate2> PreviousAuthorities,
    X509Certificate2? Serving,
    DateTimeOffset AuthorityIntroducedAt,
    DateTimeOffset TrustPreviousUntil,
    string? ResourceVersion)
{
    /// <summary>Every CA in the bundle, the current one first.</summary>
    public IEnumerable<X509Certificate2> Bundle => PreviousAuthorities.Prepend(Authority);
}
