using Microsoft.Extensions.Primitives;

namespace DaprShared.Webhook.Tls;

/// <summary>Where the webhook's serving certificate comes from: PEM files, a generated self-signed certificate,
/// or a self-managed CA whose certificate lives in a Kubernetes Secret.</summary>
/// <remarks>
/// The host selects exactly one source by <c>Tls:Mode</c> (see <see cref="TlsModeResolver"/>), calls
/// <see cref="StartAsync"/> once before the server listens and <see cref="StopAsync"/> on shutdown.
/// <see cref="Current"/> is read on every TLS handshake, so it must be cheap and thread-safe: keep the
/// certificate in a <see cref="ServingCertificateSlot"/> and publish a new one to rotate. Subscribers
/// (logging, the expiry metric, readiness) watch <see cref="GetChangeToken"/>.
/// A source is registered as a keyed singleton under its <see cref="TlsMode"/>:
/// <c>services.AddKeyedSingleton&lt;IServingCertificateSource, MySource&gt;(TlsMode.SelfManaged)</c>.
/// Only the selected source is ever constructed.
/// </remarks>
public interface IServingCertificateSource
{
    /// <summary>Short, stable name for logs ("files", "self-signed", "self-managed").</summary>
    string Name { get; }

    /// <summary>The certificate to present now; null until the first one is available (handshakes then fail and
    /// <c>/readyz</c> reports not ready).</summary>
    ServingCertificate? Current { get; }

    /// <summary>A token that fires after <see cref="Current"/> changed. Take a new one after it fires.</summary>
    IChangeToken GetChangeToken();

    /// <summary>Loads or creates the first certificate and starts any background refresh (polling, rotation).
    /// Throw <see cref="ServingCertificateException"/> only when nothing can ever be served (a broken
    /// configuration); a source that must wait for something may return first and publish later.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Stops background work started by <see cref="StartAsync"/>.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
