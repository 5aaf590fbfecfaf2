namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>Configuration section <c>Tls:SelfManaged</c>: where the webhook keeps its CA and serving certificate,
/// which webhook configuration trusts it, and when certificates are renewed. The defaults match deploy/.</summary>
public sealed class SelfManagedTlsOptions
{
    public const string SectionName = "Tls:SelfManaged";

    /// <summary>The webhook's own namespace (holds the Secret and the Service). Empty: the <c>POD_NAMESPACE</c>
    /// variable (downward API), then the mounted service account's namespace.</summary>
    public string Namespace { get; set; } = "";

    /// <summary>The Service the API server calls; the serving certificate names every DNS form of it.</summary>
    public string ServiceName { get; set; } = "dapr-shared-injector";

    /// <summary>Holds <c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c> and the CA's key <c>ca.key</c>. The CA key
    /// exists nowhere else: not in a ConfigMap, not in the webhook configuration, not on disk.</summary>
    public string SecretName { get; set; } = "dapr-shared-injector-tls";

    /// <summary>The MutatingWebhookConfiguration whose every webhook gets the CA bundle.</summary>
    public string WebhookConfigurationName { get; set; } = "dapr-shared-injector";

    /// <summary>Lifetime of the CA. It is replaced at two thirds of it, so the remaining third (20 months by
    /// default) is far longer than a serving certificate, which never outlives its CA.</summary>
    public TimeSpan CaValidity { get; set; } = TimeSpan.FromDays(5 * 365);

    /// <summary>Lifetime of the serving certificate, renewed at two thirds of it (8 months by default).</summary>
    public TimeSpan ServingValidity { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How often every replica reads the Secret and the webhook configuration (with jitter). A replica
    /// serves a certificate rotated by another replica within this time.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a new CA is written into the caBundle, how long to wait before a serving certificate from it is
    /// served: the API server reloads webhook configurations asynchronously.</summary>
    public TimeSpan PropagationDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a replaced CA stays in the caBundle after a new one is introduced, so that a replica still
    /// serving a certificate from the old CA keeps working. Must be much longer than <see cref="PollInterval"/>.</summary>
    public TimeSpan TrustOverlap { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Time limit of one call to the API server.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
