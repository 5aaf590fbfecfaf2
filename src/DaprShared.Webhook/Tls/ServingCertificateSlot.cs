using Microsoft.Extensions.Primitives;

namespace DaprShared.Webhook.Tls;

/// <summary>The current serving certificate and its change notification: the thread-safe part every
/// <see cref="IServingCertificateSource"/> needs. Reads are a volatile load, so the TLS handshake path never locks.</summary>
public sealed class ServingCertificateSlot
{
    private ServingCertificate? current;
    private CancellationTokenSource changed = new();

    public ServingCertificate? Current => Volatile.Read(ref current);

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref changed).Token);

    /// <summary>Makes <paramref name="certificate"/> the one new handshakes get, then notifies watchers.
    /// The previous certificate is not disposed: handshakes in flight may still be using it.</summary>
    public void Publish(ServingCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Volatile.Write(ref current, certificate);
        var previous = Interlocked.Exchange(ref changed, new CancellationTokenSource());
        previous.Cancel();
    }
}
