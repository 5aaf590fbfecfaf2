using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;

namespace DaprShared.Kubernetes.Api;

/// <summary>The few REST calls this process makes, over one <see cref="HttpClient"/>: get, list, watch, create,
/// replace, patch (server-side apply, JSON patch) and delete, for any <see cref="ApiResource{T}"/> (the built-in
/// kinds of <see cref="ApiResources"/>, or a custom resource declared by its owner).
/// Errors are <see cref="KubernetesApiException"/> with the server's status code and Status message.</summary>
/// <remarks>KubernetesClient's generated client is not used: it references every operation and model of the API,
/// which the Native AOT build would have to carry (and its watch and leader-election helpers deserialize with
/// reflection-era code). The models and the configuration loading still come from it. See README.md.</remarks>
public sealed class KubernetesApiClient : IDisposable
{
    /// <summary>The User-Agent when the caller names none: the kit's, never the library's default.</summary>
    public const string DefaultUserAgent = "dapr-shared-kubernetes";

    private const int MaxErrorBytes = 16 * 1024;

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");
    private static readonly MediaTypeHeaderValue ApplyPatchMediaType = new("application/apply-patch+yaml");
    private static readonly MediaTypeHeaderValue JsonPatchMediaType = new("application/json-patch+json");

    private readonly HttpClient http;
    private readonly Version httpVersion;
    private readonly Uri baseAddress;
    private readonly TimeSpan requestTimeout;

    /// <summary>How long after a watch's timeoutSeconds the client gives up on a stream the server should have ended.</summary>
    internal TimeSpan WatchGrace { get; init; } = TimeSpan.FromSeconds(30);

    public KubernetesApiClient(KubernetesClientConfiguration configuration, params DelegatingHandler[] handlers)
        : this(configuration, DefaultUserAgent, handlers)
    {
    }

    /// <param name="configuration">Where the API server is and how to authenticate.</param>
    /// <param name="userAgent">The process's own name (<c>product</c> or <c>product/version</c>): it is what audit
    /// logs show, and what managedFields record for writes without a field manager (e.g. a Lease).</param>
    /// <param name="handlers">Wrap every request (e.g. to count them), outermost first.</param>
    public KubernetesApiClient(KubernetesClientConfiguration configuration, string userAgent, params DelegatingHandler[] handlers)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(userAgent);
        ArgumentNullException.ThrowIfNull(handlers);
        if (string.IsNullOrWhiteSpace(configuration.Host))
        {
            throw new ArgumentException("the Kubernetes configuration has no API server address", nameof(configuration));
        }

        baseAddress = new Uri(configuration.Host, UriKind.Absolute);
        httpVersion = configuration.DisableHttp2 ? HttpVersion.Version11 : HttpVersion.Version20;
        requestTimeout = configuration.HttpClientTimeout > TimeSpan.Zero ? configuration.HttpClientTimeout : TimeSpan.FromSeconds(100);

        // Watches last minutes; every other call gets requestTimeout through its own token.
        http = new HttpClient(ApiHttpHandler.Create(configuration, handlers)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        // The caller's name, not the library's default: it is what audit logs show, and what managedFields record
        // for writes without a field manager.
        UserAgent = userAgent;
        http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
    }

    /// <summary>The User-Agent of every request.</summary>
    public string UserAgent { get; }

    public Task<T> GetAsync<T>(ApiResource<T> resource, string? @namespace, string name, CancellationToken cancellationToken)
        where T : class =>
        SendAsync(HttpMethod.Get, Uri(resource.Path(@namespace, name)), null, resource.Type, cancellationToken);

    /// <summary>The object, or null when it does not exist (404).</summary>
    public async Task<T?> FindAsync<T>(ApiResource<T> resource, string? @namespace, string name, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await GetAsync(resource, @namespace, name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>One page of a list (metadata only when <see cref="ListOptions.MetadataOnly"/>).</summary>
    public Task<TList> ListAsync<T, TList>(ApiResource<T> resource, JsonTypeInfo<TList> listType, string? @namespace, ListOptions options, CancellationToken cancellationToken)
        where T : class
        where TList : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        var request = Request(HttpMethod.Get, Uri(resource.Path(@namespace), options.Query()));
        Accept(request, options.MetadataOnly ? MetadataMediaTypes.List : null);
        return SendAsync(request, listType, cancellationToken);
    }

    /// <summary>Watch events after <paramref name="options"/>' resourceVersion (with bookmarks), until the server ends
    /// the stream or <paramref name="cancellationToken"/> is cancelled. An ERROR event (e.g. 410 Gone) goes to
    /// <paramref name="onError"/> as a <see cref="KubernetesException"/> and the stream goes on.</summary>
    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync<T>(
        ApiResource<T> resource,
        string? @namespace,
        ListOptions options,
        Action<Exception> onError,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(onError);
        using var request = Request(HttpMethod.Get, Uri(resource.Path(@namespace), options.Query(watch: true)));
        Accept(request, options.MetadataOnly ? MetadataMediaTypes.Single : null);

        // The server ends a watch after timeoutSeconds. A connection that died without a FIN (a node or NAT gone) would
        // otherwise leave the read waiting forever and the cache silently stale: past the server's time plus a grace,
        // the stream is ended here, and the caller watches again from its last resourceVersion.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.TimeoutSeconds is { } seconds)
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(seconds) + WatchGrace);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, deadline.Token).ConfigureAwait(false);
        using var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await ReadLineAsync(reader, deadline, cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (WatchLine.Parse(line, resource.Type, onError) is { } change)
            {
                yield return change;
            }
        }
    }

    public Task<T> CreateAsync<T>(ApiResource<T> resource, T value, string? @namespace, string? fieldManager, CancellationToken cancellationToken)
        where T : class =>
        SendAsync(HttpMethod.Post, Uri(resource.Path(@namespace), Query.Of(("fieldManager", fieldManager))), Json(value, resource.Type), resource.Type, cancellationToken);

    public Task<T> ReplaceAsync<T>(ApiResource<T> resource, T value, string? @namespace, string name, CancellationToken cancellationToken)
        where T : class =>
        SendAsync(HttpMethod.Put, Uri(resource.Path(@namespace, name)), Json(value, resource.Type), resource.Type, cancellationToken);

    /// <summary>Server-side apply of <paramref name="value"/> (sent as JSON) as <paramref name="fieldManager"/>.</summary>
    public Task<T> ApplyAsync<T>(ApiResource<T> resource, T value, string? @namespace, string name, string fieldManager, bool force, CancellationToken cancellationToken)
        where T : class =>
        PatchAsync(resource, PatchKind.Apply, JsonSerializer.SerializeToUtf8Bytes(value, resource.Type), @namespace, name, fieldManager, force, null, cancellationToken);

    public Task<T> PatchAsync<T>(
        ApiResource<T> resource,
        PatchKind kind,
        byte[] patch,
        string? @namespace,
        string name,
        string? fieldManager,
        bool force,
        string? subresource,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        var content = new ByteArrayContent(patch);
        content.Headers.ContentType = kind == PatchKind.Apply ? ApplyPatchMediaType : JsonPatchMediaType;
        var query = Query.Of(("fieldManager", fieldManager), ("force", force ? "true" : null));
        return SendAsync(HttpMethod.Patch, Uri(resource.Path(@namespace, name, subresource), query), content, resource.Type, cancellationToken);
    }

    /// <summary>Deletes one object; <paramref name="uid"/> is a precondition (a replaced object is not deleted).</summary>
    public async Task DeleteAsync<T>(ApiResource<T> resource, string? @namespace, string name, string? uid, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        var options = new V1DeleteOptions { Preconditions = uid is null ? null : new V1Preconditions { Uid = uid } };
        var request = Request(HttpMethod.Delete, Uri(resource.Path(@namespace, name)), Json(options, KubernetesModelJson.Default.V1DeleteOptions));
        await SendAsync(request, (_, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => http.Dispose();

    private Task<T> SendAsync<T>(HttpMethod method, Uri uri, HttpContent? content, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        SendAsync(Request(method, uri, content), type, cancellationToken);

    // HTTP/2 when the server offers it (ALPN), as client-go: every watch shares one connection, and pings notice a
    // dead one. HTTP/1.1 otherwise, or when the configuration disables HTTP/2.
    private HttpRequestMessage Request(HttpMethod method, Uri uri, HttpContent? content = null) =>
        new(method, uri) { Version = httpVersion, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower, Content = content };

    /// <summary>The next line, or null at the end of the stream or when <paramref name="deadline"/> (not the caller)
    /// ended it.</summary>
    private static async Task<string?> ReadLineAsync(StreamReader reader, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private Task<T> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        SendAsync(request, (response, token) => ReadAsync(response, type, token), cancellationToken);

    /// <summary>Sends with the request timeout; an error status becomes <see cref="KubernetesApiException"/>, a
    /// server that does not answer in time a <see cref="TimeoutException"/>.</summary>
    private async Task<T> SendAsync<T>(HttpRequestMessage request, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var timeout = Timeout(cancellationToken);
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                await ThrowIfFailedAsync(response, timeout.Token).ConfigureAwait(false);
                return await read(response, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{request.Method} {request.RequestUri?.AbsolutePath}: no answer from the API server within {requestTimeout}");
            }
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}";
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync(body, type, cancellationToken).ConfigureAwait(false)
                ?? throw new KubernetesApiException(response.StatusCode, null, $"{what}: the API server answered null");
        }
        catch (JsonException e)
        {
            // A proxy's page or a truncated answer: an API failure like any other, not a crash of the caller.
            throw new KubernetesApiException(response.StatusCode, null, $"{what}: the answer is not the expected JSON ({e.Message})");
        }
    }

    private CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(requestTimeout);
        return timeout;
    }

    // The configured host may carry a path prefix (an API proxy); the resource path is appended to it.
    private Uri Uri(string path, string query = "") =>
        new(baseAddress.AbsoluteUri.TrimEnd('/') + path + query, UriKind.Absolute);

    private static void Accept(HttpRequestMessage request, string? accept)
    {
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        else
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }
    }

    private static ByteArrayContent Json<TValue>(TValue value, JsonTypeInfo<TValue> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        // At most MaxErrorBytes, as UTF-8 whatever charset the header claims: an error must never fail to be reported.
        var buffer = new byte[MaxErrorBytes];
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var status = ParseStatus(Encoding.UTF8.GetString(buffer, 0, read));
        var path = response.RequestMessage?.RequestUri?.AbsolutePath;
        var detail = status?.Message is { Length: > 0 } message ? message : response.ReasonPhrase;
        throw new KubernetesApiException(response.StatusCode, status, $"{response.RequestMessage?.Method} {path}: HTTP {(int)response.StatusCode} {detail}");
    }

    private static V1Status? ParseStatus(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonSerializer.Deserialize(text, KubernetesModelJson.Default.V1Status);
        }
        catch (JsonException)
        {
            return null; // not a Status (a proxy's HTML page): the status code says enough
        }
    }
}
