using System.Security.Cryptography.X509Certificates;

namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>Decides the next step towards a valid, trusted serving certificate. Deterministic for a given
/// observation and time, apart from the keys it generates; every replica runs it and writes are guarded by
/// resourceVersion, so replicas that race converge on one winner.</summary>
/// <remarks>
/// The invariant: a CA is in the caBundle before any serving certificate it signed can be served. New CAs are
/// therefore written to the caBundle before the Secret (<see cref="TlsStep.TrustFirst"/>); on a CA renewal the
/// Secret first gets the new CA beside the old one with the old serving certificate, and only after
/// <see cref="SelfManagedTlsOptions.PropagationDelay"/> a serving certificate from the new CA. The replaced CA
/// stays trusted for <see cref="SelfManagedTlsOptions.TrustOverlap"/>, so replicas still serving the old
/// certificate keep working until they have read the new one.
/// </remarks>
public sealed class TlsPlanner(SelfManagedTlsOptions options, IReadOnlyList<string> dnsNames)
{
    private const string AuthorityName = "dapr-shared-injector CA";

    public TlsStep Next(TlsObservation observation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.Material is not { } material)
        {
            return Bootstrap(observation, now);
        }

        if (now >= CertificateChecks.RenewAt(material.Authority))
        {
            var authority = NewAuthority(now);
            var renewed = material with
            {
                Authority = authority,
                PreviousAuthorities = [.. Unexpired(material.Bundle, now)],
                AuthorityIntroducedAt = now,
                TrustPreviousUntil = now + options.TrustOverlap,
            };
            return new TlsStep(TlsStepKind.WriteSecret, $"the CA is due for renewal (expires {material.Authority.NotAfter.ToUniversalTime():o})",
                Material: renewed, TrustFirst: authority);
        }

        if (observation.WebhookBundles is { } bundles && CaBundleToWrite(material, bundles, now) is { } wanted)
        {
            return new TlsStep(TlsStepKind.PatchCaBundle, "the webhook configuration's caBundle differs from the Secret's CAs", CaBundle: wanted);
        }

        if (ServingProblem(material, now) is { } problem)
        {
            // A certificate from the current CA may be served once the API server trusts that CA.
            var trustedAt = material.AuthorityIntroducedAt + options.PropagationDelay;
            if (!AllTrust(observation.WebhookBundles, material.Authority) || now < trustedAt)
            {
                return new TlsStep(TlsStepKind.Wait, $"{problem}; waiting for the caBundle to hold the current CA",
                    RetryAt: trustedAt > now ? trustedAt : now + options.PollInterval);
            }

            var serving = CertificateIssuer.IssueServing(material.Authority, dnsNames, now, options.ServingValidity);
            return new TlsStep(TlsStepKind.WriteSecret, problem, Material: material with { Serving = serving });
        }

        var expired = material.PreviousAuthorities.Where(ca => CertificateChecks.IsExpired(ca, now)).ToList();
        if (material.PreviousAuthorities.Count > 0 && (now >= material.TrustPreviousUntil || expired.Count > 0))
        {
            var keep = now >= material.TrustPreviousUntil ? [] : material.PreviousAuthorities.Except(expired).ToList();
            return new TlsStep(TlsStepKind.WriteSecret, "a previous CA is no longer needed in the bundle",
                Material: material with { PreviousAuthorities = keep });
        }

        return new TlsStep(TlsStepKind.Done, "the serving certificate is current and trusted");
    }

    /// <summary>Why the Secret's serving certificate must be replaced; null when it is fine.</summary>
    public string? ServingProblem(TlsMaterial material, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(material);
        if (material.Serving is not { } serving)
        {
            return "the serving certificate is missing or unusable";
        }

        if (!CertificateChecks.IsIssuedBy(serving, material.Authority))
        {
            return "the serving certificate is not from the current CA";
        }

        if (!CertificateChecks.DnsNames(serving).SetEquals(dnsNames))
        {
            return "the serving certificate does not name exactly the Service's DNS names";
        }

        return now >= CertificateChecks.RenewAt(serving)
            ? $"the serving certificate is due for renewal (expires {serving.NotAfter.ToUniversalTime():o})"
            : null;
    }

    // No usable Secret: a new CA and a serving certificate at once (nobody can be serving from this CA yet). CAs the
    // webhook configuration already trusts stay trusted for the overlap: after a Secret was deleted, other replicas
    // still serve the old certificate until they read the new one.
    private TlsStep Bootstrap(TlsObservation observation, DateTimeOffset now)
    {
        var authority = NewAuthority(now);
        var previous = Unexpired((observation.WebhookBundles ?? []).SelectMany(b => b), now)
            .Where(ca => CertificateChecks.Id(ca) != CertificateChecks.Id(authority))
            .ToList();
        var material = new TlsMaterial(
            authority,
            previous,
            CertificateIssuer.IssueServing(authority, dnsNames, now, options.ServingValidity),
            now,
            now + options.TrustOverlap,
            observation.SecretResourceVersion);
        var reason = observation.SecretExists
            ? $"the Secret is unusable ({observation.MaterialProblem}): replacing it"
            : "no Secret yet: creating a CA and a serving certificate";
        return new TlsStep(TlsStepKind.WriteSecret, reason, Material: material, CreateSecret: !observation.SecretExists, TrustFirst: authority);
    }

    // Every webhook trusts exactly the Secret's CAs, plus CAs another replica wrote moments ago for a write it has
    // not finished (they are young; one that lost a race ages out after the overlap).
    private IReadOnlyList<X509Certificate2>? CaBundleToWrite(
        TlsMaterial material, IReadOnlyList<IReadOnlyList<X509Certificate2>> bundles, DateTimeOffset now)
    {
        var wanted = material.Bundle.ToList();
        var wantedIds = wanted.Select(CertificateChecks.Id).ToHashSet(StringComparer.Ordinal);
        var youngSince = now - options.TrustOverlap - CertificateIssuer.Backdate;
        foreach (var extra in bundles.SelectMany(b => b))
        {
            if (!CertificateChecks.IsExpired(extra, now) && extra.NotBefore.ToUniversalTime() > youngSince.UtcDateTime
                && wantedIds.Add(CertificateChecks.Id(extra)))
            {
                wanted.Add(extra);
            }
        }

        var same = bundles.Count > 0 && bundles.All(b => b.Select(CertificateChecks.Id).ToHashSet(StringComparer.Ordinal).SetEquals(wantedIds));
        return same || bundles.Count == 0 ? null : wanted;
    }

    private static bool AllTrust(IReadOnlyList<IReadOnlyList<X509Certificate2>>? bundles, X509Certificate2 authority) =>
        bundles is { Count: > 0 } && bundles.All(b => b.Any(ca => CertificateChecks.Id(ca) == CertificateChecks.Id(authority)));

    private static IEnumerable<X509Certificate2> Unexpired(IEnumerable<X509Certificate2> authorities, DateTimeOffset now)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return authorities.Where(ca => !CertificateChecks.IsExpired(ca, now) && seen.Add(CertificateChecks.Id(ca)));
    }

    private X509Certificate2 NewAuthority(DateTimeOffset now) =>
        CertificateIssuer.CreateAuthority($"{AuthorityName} {now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}", now, options.CaValidity);
}
