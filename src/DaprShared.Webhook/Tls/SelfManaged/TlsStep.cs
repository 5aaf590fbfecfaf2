using System.Security.Cryptography.X509Certificates;

namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>One step towards the desired TLS state, with the reason for the log.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Reason">Why, for an operator.</param>
/// <param name="Material">For <see cref="TlsStepKind.WriteSecret"/>: what to write.</param>
/// <param name="CreateSecret">For <see cref="TlsStepKind.WriteSecret"/>: create (no Secret yet) rather than replace.</param>
/// <param name="TrustFirst">For <see cref="TlsStepKind.WriteSecret"/>: a new CA that must be in the caBundle before the
/// Secret is written, since replicas serve what the Secret holds as soon as they read it.</param>
/// <param name="CaBundle">For <see cref="TlsStepKind.PatchCaBundle"/>: the CAs every webhook must trust.</param>
/// <param name="RetryAt">For <see cref="TlsStepKind.Wait"/>: when to look again.</param>
public sealed record TlsStep(
    TlsStepKind Kind,
    string Reason,
    TlsMaterial? Material = null,
    bool CreateSecret = false,
    X509Certificate2? TrustFirst = null,
    IReadOnlyList<X509Certificate2>? CaBundle = null,
    DateTimeOffset? RetryAt = null);
