using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace DaprShared.Kubernetes.Tests.Api;

/// <summary>A TCP listener on 127.0.0.1 that accepts connections and never answers: an API server that hangs.</summary>
internal sealed class SilentServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<TcpClient> connections = [];
    private readonly CancellationTokenSource stop = new();

    public SilentServer()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public string Host => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        foreach (var connection in connections)
        {
            connection.Dispose();
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                connections.Add(await listener.AcceptTcpClientAsync(stop.Token));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }
    }
}
