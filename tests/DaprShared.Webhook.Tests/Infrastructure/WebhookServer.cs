using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using DaprShared.Webhook.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace DaprShared.Webhook.Tests.Infrastructure;

/// <summary>The real webhook (<see cref="WebhookHost.Create(IReadOnlyList{string}, Action{WebApplicationBuilder}?)"/>),
/// started in-process on 127.0.0.1 with an OS-assigned port, over real HTTPS. The only differences from production:
/// an own metrics registry (so counts are this server's) and a log sink.</summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    private WebhookServer(WebApplication app, CapturedLogs logs, CollectorRegistry registry, int port)
    {
        App = app;
        Logs = logs;
        Registry = registry;
        Port = port;
        BaseAddress = new Uri($"https://127.0.0.1:{port}");
    }

    /// <summary>A kubeconfig that does not exist (in a directory that does not either, unique to this run, so no file
    /// left behind can be picked up). A configured kubeconfig wins over in-cluster, <c>$KUBECONFIG</c> and
    /// <c>~/.kube/config</c>: the server under test never talks to the developer's cluster; its controller idles.</summary>
    public static string NoCluster { get; } = Path.Combine(Path.GetTempPath(), $"dapr-shared-tests-{Guid.NewGuid():N}", "no-such-kubeconfig");

    public WebApplication App { get; }

    public CapturedLogs Logs { get; }

    public CollectorRegistry Registry { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>Starts with a serving certificate from <paramref name="volume"/> (files mode) plus any further
    /// arguments.</summary>
    public static Task<WebhookServer> StartWithFilesAsync(SecretVolume volume, params string[] args) =>
        StartAsync(["--tls-cert-file", volume.CertFile, "--tls-key-file", volume.KeyFile, .. args]);

    public static async Task<WebhookServer> StartAsync(IReadOnlyList<string> args, Action<WebApplicationBuilder>? configure = null)
    {
        var app = Create(args, configure, out var logs, out var registry);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new WebhookServer(app, logs, registry, new Uri(address).Port);
    }

    /// <summary>Builds (without starting) the server exactly as <see cref="StartAsync"/> would.</summary>
    public static WebApplication Create(IReadOnlyList<string> args, Action<WebApplicationBuilder>? configure, out CapturedLogs logs, out CollectorRegistry registry)
    {
        var capturedLogs = new CapturedLogs();
        var ownRegistry = Metrics.NewCustomRegistry();
        logs = capturedLogs;
        registry = ownRegistry;
        return WebhookHost.Create(
            ["serve", "--urls", "https://127.0.0.1:0", "--kubeconfig", NoCluster, .. args],
            builder =>
            {
                builder.Services.AddSingleton(ownRegistry);
                builder.Logging.ClearProviders();
                builder.Logging.SetMinimumLevel(LogLevel.Debug);
                builder.Logging.AddProvider(capturedLogs);
                configure?.Invoke(builder);
            });
    }

    /// <summary>An HttpClient that validates the server's certificate against <paramref name="trustedRoot"/> only
    /// (host name included), never "accept all".</summary>
    public HttpClient CreateClient(X509Certificate2 trustedRoot)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(trustedRoot);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>POSTs a body as the API server does.</summary>
    public static HttpRequestMessage Post(string path, byte[] body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content, Version = HttpVersion.Version11 };
    }
}
