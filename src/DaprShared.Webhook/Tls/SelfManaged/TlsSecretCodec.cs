using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DaprShared.Core.Contract;
using k8s.Models;

namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>Converts between <see cref="TlsMaterial"/> and the Secret that stores it. Decoding never throws on bad
/// content: a Secret someone broke by hand is reported and replaced, not a crash loop.</summary>
public static class TlsSecretCodec
{
    public static V1Secret Encode(TlsMaterial material, string name, string ns)
    {
        ArgumentNullException.ThrowIfNull(material);
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [TlsSecretKeys.AuthorityBundle] = BundlePem(material.Bundle),
            [TlsSecretKeys.AuthorityKey] = KeyPem(material.Authority),
        };
        if (material.Serving is { } serving)
        {
            data[TlsSecretKeys.Certificate] = Encoding.ASCII.GetBytes(serving.ExportCertificatePem() + "\n");
            data[TlsSecretKeys.PrivateKey] = KeyPem(serving);
        }

        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                ResourceVersion = material.ResourceVersion,
                Labels = new Dictionary<string, string>
                {
                    ["app.kubernetes.io/name"] = "dapr-shared",
                    ["app.kubernetes.io/component"] = "injector",
                    [DaprSharedKeys.ManagedByLabel] = DaprSharedKeys.ManagedByValue,
                },
                Annotations = new Dictionary<string, string>
                {
                    [TlsSecretKeys.AuthorityIntroducedAtAnnotation] = Format(material.AuthorityIntroducedAt),
                    [TlsSecretKeys.TrustPreviousUntilAnnotation] = Format(material.TrustPreviousUntil),
                },
            },
            Type = TlsSecretKeys.SecretType,
            Data = data,
        };
    }

    /// <summary>The PEM text of every CA, the current one first: the Secret's <c>ca.crt</c> and the caBundle.</summary>
    public static byte[] BundlePem(IEnumerable<X509Certificate2> authorities) =>
        Encoding.ASCII.GetBytes(string.Concat(authorities.Select(ca => ca.ExportCertificatePem() + "\n")));

    /// <summary>Every certificate in PEM text; unparseable blocks are skipped.</summary>
    public static IReadOnlyList<X509Certificate2> ParseBundle(byte[]? pem)
    {
        if (pem is null || pem.Length == 0)
        {
            return [];
        }

        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(Encoding.ASCII.GetString(pem));
        }
        catch (CryptographicException)
        {
            return [];
        }

        return [.. collection];
    }

    /// <summary>Decodes a Secret; <paramref name="problem"/> says why the result is null (the CA is unusable).</summary>
    public static TlsMaterial? Decode(V1Secret secret, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var data = secret.Data ?? new Dictionary<string, byte[]>();
        var bundle = ParseBundle(Get(data, TlsSecretKeys.AuthorityBundle));
        if (bundle.Count == 0)
        {
            problem = $"{TlsSecretKeys.AuthorityBundle} holds no certificate";
            return null;
        }

        var authority = WithKey(bundle[0], Get(data, TlsSecretKeys.AuthorityKey));
        if (authority is null)
        {
            problem = $"{TlsSecretKeys.AuthorityKey} is missing or does not belong to the first certificate of {TlsSecretKeys.AuthorityBundle}";
            return null;
        }

        problem = null;
        var serving = data.TryGetValue(TlsSecretKeys.Certificate, out var certPem) && certPem is not null
            ? WithKey(certPem, Get(data, TlsSecretKeys.PrivateKey))
            : null;
        var annotations = secret.Metadata?.Annotations ?? new Dictionary<string, string>();
        return new TlsMaterial(
            authority,
            bundle.Skip(1).ToList(),
            serving,
            Parse(Get(annotations, TlsSecretKeys.AuthorityIntroducedAtAnnotation)),
            Parse(Get(annotations, TlsSecretKeys.TrustPreviousUntilAnnotation)),
            secret.Metadata?.ResourceVersion);
    }

    private static X509Certificate2? WithKey(X509Certificate2 certificate, byte[]? keyPem) =>
        keyPem is null ? null : WithKey(Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()), keyPem);

    private static X509Certificate2? WithKey(byte[] certificatePem, byte[]? keyPem)
    {
        if (keyPem is null)
        {
            return null;
        }

        try
        {
            return X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(certificatePem), Encoding.ASCII.GetString(keyPem));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    private static T? Get<T>(IDictionary<string, T> values, string key)
        where T : class =>
        values.TryGetValue(key, out var value) ? value : null;

    private static byte[] KeyPem(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException($"certificate {certificate.Subject} carries no ECDSA private key");
        return Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // Missing or unreadable bookkeeping means "long ago": the delays it guards have passed.
    private static DateTimeOffset Parse(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : DateTimeOffset.MinValue;
}
