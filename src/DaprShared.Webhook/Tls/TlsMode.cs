namespace DaprShared.Webhook.Tls;

/// <summary>Where the serving certificate comes from (configuration key <c>Tls:Mode</c>).</summary>
public enum TlsMode
{
    /// <summary><see cref="Files"/> when a certificate and key are configured; otherwise <see cref="SelfManaged"/>
    /// when running inside a cluster; otherwise <see cref="SelfSigned"/>.</summary>
    Auto,

    /// <summary>PEM certificate and key from <c>Tls:CertFile</c> and <c>Tls:KeyFile</c>, reloaded when they change.</summary>
    Files,

    /// <summary>The webhook keeps its own CA and serving certificate in a Secret and patches the caBundle of its
    /// MutatingWebhookConfiguration.</summary>
    SelfManaged,

    /// <summary>A certificate for localhost generated at start-up: local runs without a cluster.</summary>
    SelfSigned,
}
