namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>The keys of the TLS Secret and its bookkeeping annotations, defined once.</summary>
public static class TlsSecretKeys
{
    public const string Certificate = "tls.crt";
    public const string PrivateKey = "tls.key";
    public const string AuthorityBundle = "ca.crt";
    public const string AuthorityKey = "ca.key";

    public const string SecretType = "kubernetes.io/tls";

    /// <summary>RFC 3339 time the current CA was introduced; a serving certificate from it is served only
    /// <see cref="SelfManagedTlsOptions.PropagationDelay"/> later.</summary>
    public const string AuthorityIntroducedAtAnnotation = "dapr-shared.io/ca-introduced-at";

    /// <summary>RFC 3339 time until which the previous CAs stay in the bundle.</summary>
    public const string TrustPreviousUntilAnnotation = "dapr-shared.io/trust-previous-ca-until";
}
