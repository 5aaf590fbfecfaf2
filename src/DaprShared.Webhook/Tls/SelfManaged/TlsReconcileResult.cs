using System.Security.Cryptography.X509Certificates;

namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>The outcome of one reconcile: what the Secret holds now, what the webhook configuration trusts, and
/// when to look again.</summary>
/// <param name="Material">The Secret's contents after the reconcile; null when there is still no usable Secret.</param>
/// <param name="WebhookBundles">The CAs each webhook trusts, as last read; null when the configuration is missing.</param>
/// <param name="Settled">True when nothing is left to do; false when a write is pending (a wait, a lost race, or the
/// step limit).</param>
/// <param name="RetryAt">When a pending change may proceed, if known.</param>
public sealed record TlsReconcileResult(
    TlsMaterial? Material,
    IReadOnlyList<IReadOnlyList<X509Certificate2>>? WebhookBundles,
    bool Settled,
    DateTimeOffset? RetryAt);
