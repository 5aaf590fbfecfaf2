using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using DaprShared.FakeKubeApi;
using DaprShared.Integration.Tests.ControlPlane;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>Plain HTTP requests to one API server, exactly as given (path, query, Accept, Content-Type, body): the
/// real one with the admin client certificate, or the in-process fake. No client library in between, so what is
/// compared is what each server answers to the same bytes.</summary>
public sealed class RawApiClient : IDisposable
{
    public const string UserAgent = "dapr-shared-agreement-tests";

    private static readonly TimeSpan DefaultWatchLimit = TimeSpan.FromSeconds(30);

    private readonly HttpClient http;

    private RawApiClient(string name, HttpMessageHandler handler, Uri baseAddress)
    {
        Name = name;
        http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    /// <summary>"real" or "fake", for messages.</summary>
    public string Name { get; }

    public static RawApiClient Real(LocalControlPlane plane)
    {
        ArgumentNullException.ThrowIfNull(plane);
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(plane.Pki.CaCert));
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [X509Certificate2.CreateFromPemFile(plane.Pki.AdminCert, plane.Pki.AdminKey)],
                RemoteCertificateValidationCallback = (_, certificate, _, _) => TrustedBy(ca, certificate),
            },
        };
        return new RawApiClient("real", handler, plane.Server);
    }

    public static RawApiClient Fake(FakeKubeApiServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new RawApiClient("fake", new SocketsHttpHandler(), server.BaseUri);
    }

    public Task<RawAnswer> GetAsync(string pathAndQuery, string? accept = null) => SendAsync(HttpMethod.Get, pathAndQuery, accept);

    public Task<RawAnswer> PostAsync(string pathAndQuery, JsonNode body, string? accept = null) =>
        SendAsync(HttpMethod.Post, pathAndQuery, accept, body.ToJsonString());

    public Task<RawAnswer> PutAsync(string pathAndQuery, JsonNode body) => SendAsync(HttpMethod.Put, pathAndQuery, null, body.ToJsonString());

    public Task<RawAnswer> PatchAsync(string pathAndQuery, string contentType, JsonNode body) =>
        SendAsync(HttpMethod.Patch, pathAndQuery, null, body.ToJsonString(), contentType);

    public Task<RawAnswer> DeleteAsync(string pathAndQuery, JsonNode? body = null) =>
        SendAsync(HttpMethod.Delete, pathAndQuery, null, body?.ToJsonString());

    public async Task<RawAnswer> SendAsync(HttpMethod method, string pathAndQuery, string? accept = null, string? body = null, string contentType = "application/json")
    {
        using var request = Request(method, pathAndQuery, accept);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        return await ReadAsync(response, timeout.Token).ConfigureAwait(false);
    }

    /// <summary>Reads a watch's events until the server ends the stream, <paramref name="stopAfter"/> events have
    /// come, or <paramref name="limit"/> has passed. <paramref name="whenOpen"/> runs once the server has answered
    /// 200, e.g. to make a change the watch should see.</summary>
    public async Task<WatchAnswer> WatchAsync(string pathAndQuery, string? accept = null, int stopAfter = int.MaxValue, TimeSpan? limit = null, Func<Task>? whenOpen = null)
    {
        using var deadline = new CancellationTokenSource(limit ?? DefaultWatchLimit);
        using var request = Request(HttpMethod.Get, pathAndQuery, accept);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        if ((int)response.StatusCode != 200)
        {
            return new WatchAnswer((int)response.StatusCode, await ReadAsync(response, deadline.Token).ConfigureAwait(false), [], endedByServer: true);
        }

        if (whenOpen is not null)
        {
            await whenOpen().ConfigureAwait(false);
        }

        var events = new List<JsonObject>();
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (events.Count < stopAfter)
            {
                var line = await reader.ReadLineAsync(deadline.Token).ConfigureAwait(false);
                if (line is null)
                {
                    return new WatchAnswer(200, null, events, endedByServer: true);
                }

                if (line.Length > 0)
                {
                    events.Add((JsonObject)JsonNode.Parse(line)!);
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // The limit passed with the stream still open.
        }

        return new WatchAnswer(200, null, events, endedByServer: false);
    }

    public void Dispose() => http.Dispose();

    private static HttpRequestMessage Request(HttpMethod method, string pathAndQuery, string? accept)
    {
        var request = new HttpRequestMessage(method, new Uri(pathAndQuery, UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return request;
    }

    private static async Task<RawAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new RawAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", text);
    }

    private static bool TrustedBy(X509Certificate2 ca, X509Certificate? presented)
    {
        if (presented is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        return chain.Build(leaf);
    }
}
