using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace DaprShared.Webhook.Tests.Infrastructure;

/// <summary>A hand-driven HTTPS connection, for what HttpClient refuses to send: lying Content-Length, slow clients.</summary>
internal sealed class RawHttps : IAsyncDisposable
{
    private readonly TcpClient tcp;

    private RawHttps(TcpClient tcp, SslStream stream)
    {
        this.tcp = tcp;
        Stream = stream;
    }

    public SslStream Stream { get; }

    public static async Task<RawHttps> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var ssl = new SslStream(tcp.GetStream());
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, _, _, _) => true, // these tests are about HTTP, not trust
        });
        return new RawHttps(tcp, ssl);
    }

    public async Task SendAsync(string text) => await SendAsync(Encoding.ASCII.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        await Stream.WriteAsync(bytes);
        await Stream.FlushAsync();
    }

    /// <summary>Everything the server sends until it closes the connection or <paramref name="timeout"/> passes.</summary>
    public async Task<(string Text, bool Closed)> ReadUntilClosedAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await Stream.ReadAsync(buffer, cancellation.Token);
                if (read == 0)
                {
                    return (Encoding.UTF8.GetString(received.ToArray()), true);
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
            return (Encoding.UTF8.GetString(received.ToArray()), false);
        }
        catch (IOException)
        {
            return (Encoding.UTF8.GetString(received.ToArray()), true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        tcp.Dispose();
    }
}
