using System.Security.Authentication;
using DaprShared.Webhook.Tls;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaprShared.Webhook.Hosting;

/// <summary>Kestrel for an admission webhook: HTTP/1.1 over TLS 1.2+, the certificate from the selected
/// <see cref="IServingCertificateSource"/> on every handshake (so a reload needs no restart), and limits that keep
/// slow or hostile clients from holding resources.</summary>
internal sealed class WebhookKestrelSetup(IServiceProvider services) : IConfigureOptions<KestrelServerOptions>
{
    // The API server sends a whole request at once, so these only ever bite a client that is not an API server.
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(5);
    public static readonly MinDataRate MinRequestBodyDataRate = new(bytesPerSecond: 4096, gracePeriod: TimeSpan.FromSeconds(3));
    public const int MaxConcurrentConnections = 1024;
    public const int MaxRequestHeadersTotalSize = 16 * 1024;
    public const int MaxRequestHeaderCount = 64;

    /// <summary>For every endpoint but admission, which none reads a body: the admission transport raises the limit
    /// to <c>Admission:MaxRequestBodyBytes</c> for its own requests.</summary>
    public const int DefaultMaxRequestBodySize = 64 * 1024;

    public void Configure(KestrelServerOptions options)
    {
        options.AddServerHeader = false;

        var limits = options.Limits;
        limits.MaxRequestBodySize = DefaultMaxRequestBodySize;
        limits.RequestHeadersTimeout = RequestHeadersTimeout;
        limits.MinRequestBodyDataRate = MinRequestBodyDataRate;
        limits.MaxConcurrentConnections = MaxConcurrentConnections;
        limits.MaxRequestHeadersTotalSize = MaxRequestHeadersTotalSize;
        limits.MaxRequestHeaderCount = MaxRequestHeaderCount;

        // The API server speaks HTTP/1.1 to webhooks; one protocol is less to defend.
        options.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http1);

        // Resolved on the first handshake, not here: Kestrel options are built with the app, before start-up
        // validation has checked the TLS settings.
        var source = new Lazy<IServingCertificateSource>(services.GetRequiredService<IServingCertificateSource>);
        options.ConfigureHttpsDefaults(https =>
        {
            https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            https.ClientCertificateMode = ClientCertificateMode.NoCertificate;
            https.HandshakeTimeout = HandshakeTimeout;

            // Kestrel requires a certificate or a selector up front; the selector is it, and it yields the current
            // certificate on every handshake.
            https.ServerCertificateSelector = (_, _) => source.Value.Current?.Certificate;

            // SslStream is then handed the prepared context instead: it carries the intermediates from the PEM file
            // and saves building the chain on every handshake.
            https.OnAuthenticate = (_, ssl) =>
            {
                // No certificate yet (a self-managed source still waiting for its Secret): refuse the handshake as an
                // authentication failure, which Kestrel treats as a client-side event (debug log, connection closed).
                var current = source.Value.Current ?? throw new AuthenticationException("no serving certificate is loaded yet");
                ssl.ServerCertificateSelectionCallback = null;
                ssl.ServerCertificate = null;
                ssl.ServerCertificateContext = current.Context;
            };
        });
    }
}
