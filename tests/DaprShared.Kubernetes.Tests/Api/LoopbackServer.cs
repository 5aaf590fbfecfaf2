using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaprShared.Kubernetes.Tests.Api;

/// <summary>A real HTTP(S) server on 127.0.0.1 and a free port with a handler the test writes, for what the fake API
/// server cannot do on purpose: a proxy's HTML error page, a path prefix, paged lists, TLS with chosen certificates.
/// It records what it received (path, query, credentials, client certificate, SNI).</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackServer(WebApplication app, Uri baseUri, ConcurrentQueue<LoopbackRequest> requests, ConcurrentQueue<string> serverNames)
    {
        this.app = app;
        BaseUri = baseUri;
        Requests = requests;
        ServerNames = serverNames;
    }

    public Uri BaseUri { get; }

    /// <summary>The address without a trailing slash, as a kubeconfig's <c>server</c>.</summary>
    public string Host => BaseUri.ToString().TrimEnd('/');

    public ConcurrentQueue<LoopbackRequest> Requests { get; }

    /// <summary>The server name (SNI) of every TLS handshake; "" when the client sent none (as for an IP address).</summary>
    public ConcurrentQueue<string> ServerNames { get; }

    /// <param name="handler">Answers every request.</param>
    /// <param name="serverCertificate">Serve HTTPS with this certificate (with its private key); null: plain HTTP.</param>
    /// <param name="requireClientCertificate">Refuse the TLS handshake without a client certificate (any issuer: the test
    /// checks the subject the server recorded).</param>
    /// <param name="protocols">HTTP versions offered (over TLS, by ALPN).</param>
    public static async Task<LoopbackServer> StartAsync(
        RequestDelegate handler, X509Certificate2? serverCertificate = null, bool requireClientCertificate = false, HttpProtocols protocols = HttpProtocols.Http1)
    {
        var requests = new ConcurrentQueue<LoopbackRequest>();
        var serverNames = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = protocols;
            if (serverCertificate is not null)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificateSelector = (_, name) =>
                    {
                        serverNames.Enqueue(name ?? "");
                        return serverCertificate;
                    },
                    ClientCertificateMode = requireClientCertificate ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.NoCertificate,
                    ClientCertificateValidation = (_, _, _) => true,
                });
            }
        }));

        var app = builder.Build();
        app.Run(async context =>
        {
            var request = context.Request;
            requests.Enqueue(new LoopbackRequest(
                request.Method,
                request.Path.Value ?? "",
                request.QueryString.Value ?? "",
                request.Headers.Authorization.ToString() is { Length: > 0 } authorization ? authorization : null,
                request.Headers.UserAgent.ToString(),
                context.Connection.ClientCertificate?.Subject,
                request.Protocol));
            await handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new LoopbackServer(app, new Uri($"{(serverCertificate is null ? "http" : "https")}://127.0.0.1:{port}/"), requests, serverNames);
    }

    /// <summary>Answers every request with <paramref name="status"/>, <paramref name="contentType"/> and <paramref name="body"/>.</summary>
    public static Task<LoopbackServer> AnsweringAsync(int status, string contentType, string body, X509Certificate2? serverCertificate = null, bool requireClientCertificate = false) =>
        StartAsync(
            async context =>
            {
                context.Response.StatusCode = status;
                context.Response.ContentType = contentType;
                await context.Response.WriteAsync(body);
            },
            serverCertificate,
            requireClientCertificate);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }
}
