using System.Security.Cryptography.X509Certificates;

namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>What one read of the cluster found.</summary>
/// <param name="SecretExists">Whether the TLS Secret exists (it may still be unusable).</param>
/// <param name="SecretResourceVersion">Its resourceVersion, for a replace.</param>
/// <param name="Material">The decoded Secret; null when missing or unusable.</param>
/// <param name="MaterialProblem">Why an existing Secret is unusable.</param>
/// <param name="WebhookBundles">The CAs in each webhook's caBundle, in webhook order; null when the webhook
/// configuration does not exist.</param>
public sealed record TlsObservation(
    bool SecretExists,
    string? SecretResourceVersion,
    TlsMaterial? Material,
    string? MaterialProblem,
    IReadOnlyList<IReadOnlyList<X509Certificate2>>? WebhookBundles);
