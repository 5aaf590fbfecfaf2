using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DaprShared.Webhook.Tests.Infrastructure;

/// <summary>One TLS handshake on a new connection, reporting what the server presented. It accepts any
/// certificate on purpose: it observes; the tests' HttpClients are what validate.</summary>
internal static class TlsProbe
{
    public static async Task<Handshake> HandshakeAsync(int port, SslProtocols protocols = SslProtocols.None, List<SslApplicationProtocol>? applicationProtocols = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = protocols,
            ApplicationProtocols = applicationProtocols,
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });

        var certificate = X509CertificateLoader.LoadCertificate(ssl.RemoteCertificate!.GetRawCertData());
        return new Handshake(certificate, ssl.SslProtocol, ssl.NegotiatedApplicationProtocol);
    }

    /// <summary>Handshakes until the server presents the certificate with <paramref name="sha256"/>, or the timeout.</summary>
    public static async Task<bool> WaitForCertificateAsync(int port, string sha256, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if ((await HandshakeAsync(port)).Sha256 == sha256)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    internal sealed record Handshake(X509Certificate2 Certificate, SslProtocols Protocol, SslApplicationProtocol ApplicationProtocol)
    {
        public string Sha256 => Certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }
}
