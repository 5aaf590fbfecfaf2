using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DaprShared.AotSmoke;

/// <summary>HTTPS to the binary, the way the API server calls it: HTTP/1.1 over TLS, trusting exactly the serving
/// certificate the smoke generated (pinned by hash, so a wrong certificate is a failure, not a warning).</summary>
internal sealed class WebhookClient : IDisposable
{
    private readonly HttpClient http;

    public WebhookClient(int port, byte[] certificateSha256)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(certificateSha256),
            },
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        };
        http = new HttpClient(handler)
        {
            BaseAddress = new Uri($"https://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(10),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>The status of a GET, or null while nothing listens yet (connection refused, TLS not up).</summary>
    public async Task<HttpStatusCode?> TryGetStatusAsync(string path)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
            return response.StatusCode;
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException || e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            return null;
        }
    }

    public async Task<(HttpStatusCode Status, string Body, string? ContentType)> GetAsync(string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return (response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
    }

    public async Task<(HttpStatusCode Status, string Body)> PostJsonAsync(string pathAndQuery, string json)
    {
        using var content = new StringContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri(pathAndQuery, UriKind.Relative), content).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }

    public void Dispose() => http.Dispose();
}
