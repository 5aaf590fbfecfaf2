using System.Diagnostics;
using System.Net;
using System.Text;
using DaprShared.Kubernetes.Api;
using DaprShared.Kubernetes.Runtime;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;

namespace DaprShared.Kubernetes.Tests.Api;

/// <summary>The client against servers that misbehave or sit behind something: a proxy's HTML error page, a server
/// that never answers, a path prefix, credentials, paged lists. Each server is a real socket on 127.0.0.1.</summary>
public sealed class KubernetesApiClientHttpTests
{
    private const string Ns = "shop";
    private const string ConfigMapJson = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"shop"}}""";

    [Fact]
    public async Task Watch_ServerNeverEndsTheStream_ClientEndsItAfterTimeoutSecondsAndTheGrace()
    {
        // A watch whose connection died silently: headers came, then nothing, and the server's own timeout never arrives.
        await using var api = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var client = new KubernetesApiClient(new KubernetesClientConfiguration { Host = api.Host }) { WatchGrace = TimeSpan.FromMilliseconds(300) };
        var clock = Stopwatch.StartNew();
        var events = 0;

        await foreach (var _ in client.WatchAsync(ApiResources.ConfigMaps, "shop", new ListOptions(TimeoutSeconds: 1), _ => { }, CancellationToken.None))
        {
            events++;
        }

        events.Should().Be(0);
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1200), "not before the server's timeout plus the grace")
            .And.BeLessThan(TimeSpan.FromSeconds(5), "the stream ends normally, so the caller watches again");
    }

    [Fact]
    public async Task GetAsync_HtmlBadGatewayPage_ThrowsApiExceptionWith502()
    {
        await using var proxy = await LoopbackServer.AnsweringAsync(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
        using var client = Client(proxy.Host);

        var act = () => client.GetAsync(ApiResources.ConfigMaps, Ns, "settings", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<KubernetesApiException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        error.Status.Should().BeNull("the body is not a Status");
        error.Message.Should().Contain("502").And.Contain("/api/v1/namespaces/shop/configmaps/settings");
    }

    [Fact]
    public async Task GetAsync_HugeNonJsonErrorBody_ThrowsApiExceptionWithAShortMessage()
    {
        await using var proxy = await LoopbackServer.AnsweringAsync(503, "text/html", "<html>" + new string('x', 1024 * 1024) + "</html>");
        using var client = Client(proxy.Host);

        var act = () => client.GetAsync(ApiResources.ConfigMaps, Ns, "settings", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<KubernetesApiException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        error.Message.Length.Should().BeLessThan(500);
    }

    [Fact]
    public async Task GetAsync_ErrorBodyWithUnknownCharset_ThrowsApiExceptionNotADecodingError()
    {
        await using var proxy = await LoopbackServer.AnsweringAsync(502, "text/html; charset=no-such-charset", "<html>Bad Gateway</html>");
        using var client = Client(proxy.Host);

        var act = () => client.GetAsync(ApiResources.ConfigMaps, Ns, "settings", CancellationToken.None);

        (await act.Should().ThrowAsync<KubernetesApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.BadGateway);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("list")]
    [InlineData("create")]
    [InlineData("replace")]
    [InlineData("apply")]
    [InlineData("delete")]
    public async Task Request_ServerNeverAnswers_TimeoutExceptionAfterTheConfiguredTimeout(string operation)
    {
        using var silent = new SilentServer();
        var configuration = new KubernetesClientConfiguration { Host = silent.Host, HttpClientTimeout = TimeSpan.FromMilliseconds(300) };
        using var client = new KubernetesApiClient(configuration);
        var clock = Stopwatch.StartNew();

        var act = () => Call(client, operation, CancellationToken.None);

        (await act.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Contain("/api/v1/namespaces/shop/configmaps");
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)).And.BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Request_CallerCancels_OperationCanceledNotTimeout()
    {
        using var silent = new SilentServer();
        using var client = new KubernetesApiClient(new KubernetesClientConfiguration { Host = silent.Host, HttpClientTimeout = TimeSpan.FromSeconds(30) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var act = () => client.GetAsync(ApiResources.ConfigMaps, Ns, "settings", cancel.Token);

        var thrown = await act.Should().ThrowAsync<OperationCanceledException>();
        thrown.Which.Should().NotBeOfType<TimeoutException>();
    }

    [Theory]
    [InlineData("/prefix", "/prefix/api/v1/namespaces/shop/configmaps/settings")]
    [InlineData("/prefix/", "/prefix/api/v1/namespaces/shop/configmaps/settings")]
    [InlineData("/k8s/clusters/c-1", "/k8s/clusters/c-1/api/v1/namespaces/shop/configmaps/settings")]
    [InlineData("", "/api/v1/namespaces/shop/configmaps/settings")]
    public async Task GetAsync_HostWithPathPrefix_RequestGoesUnderThePrefix(string prefix, string expectedPath)
    {
        await using var proxy = await LoopbackServer.AnsweringAsync(200, "application/json", ConfigMapJson);
        using var client = Client(proxy.Host + prefix);

        var read = await client.GetAsync(ApiResources.ConfigMaps, Ns, "settings", CancellationToken.None);

        read.Metadata.Name.Should().Be("settings");
        proxy.Requests.Should().ContainSingle().Which.Path.Should().Be(expectedPath);
    }

    [Fact]
    public async Task ListAsync_HostWithPathPrefixAndGroup_QueryKeptAfterThePath()
    {
        await using var proxy = await LoopbackServer.AnsweringAsync(200, "application/json", """{"apiVersion":"apps/v1","kind":"DeploymentList","metadata":{"resourceVersion":"7"},"items":[]}""");
        using var client = Client(proxy.Host + "/prefix");

        await client.ListAsync(ApiResources.Deployments, KubernetesModelJson.Default.V1DeploymentList, Ns, new ListOptions(LabelSelector: "app in (a,b)", Limit: 10), CancellationToken.None);

        var request = proxy.Requests.Should().ContainSingle().Subject;
        request.Path.Should().Be("/prefix/apis/apps/v1/namespaces/shop/deployments");
        request.Query.Should().Be("?labelSelector=app%20in%20%28a%2Cb%29&limit=10");
    }

    [Fact]
    public async Task Request_BearerToken_IsSent()
    {
        await using var api = await LoopbackServer.AnsweringAsync(200, "application/json", ConfigMapJson);
        using var client = new KubernetesApiClient(new KubernetesClientConfiguration { Host = api.Host, AccessToken = "abc.def.ghi" });

        await client.GetAsync(ApiResources.ConfigMaps, Ns, "settings", CancellationToken.None);

        api.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer abc.def.ghi");
    }

    [Fact]
    public async Task Request_BasicAuth_IsSent()
    {
        await using var api = await LoopbackServer.AnsweringAsync(200, "application/json", ConfigMapJson);
        using var client = new KubernetesApiClient(new KubernetesClientConfiguration { Host = api.Host, Username = "admin", Password = "pä:ss" });

        await client.GetAsync(ApiResources.ConfigMaps, Ns, "settings", CancellationToken.None);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:pä:ss"));
        api.Requests.Should().ContainSingle().Which.Authorization.Should().Be(expected);
    }

    [Fact]
    public async Task Request_TokenProvider_IsAskedForEveryRequestAndWinsOverAStaticToken()
    {
        await using var api = await LoopbackServer.AnsweringAsync(200, "application/json", ConfigMapJson);
        var provider = new RecordingTokenProvider();
        using var client = new KubernetesApiClient(new KubernetesClientConfiguration { Host = api.Host, AccessToken = "static", TokenProvider = provider });

        await client.GetAsync(ApiResources.ConfigMaps, Ns, "settings", CancellationToken.None);
        await client.GetAsync(ApiResources.ConfigMaps, Ns, "settings", CancellationToken.None);

        provider.Calls.Should().Be(2);
        api.Requests.Select(r => r.Authorization).Should().Equal("Bearer rotated-1", "Bearer rotated-2");
    }

    [Fact]
    public async Task Request_NoCredentials_NoAuthorizationHeader()
    {
        await using var api = await LoopbackServer.AnsweringAsync(200, "application/json", ConfigMapJson);
        using var client = Client(api.Host);

        await client.GetAsync(ApiResources.ConfigMaps, Ns, "settings", CancellationToken.None);

        api.Requests.Should().ContainSingle().Which.Authorization.Should().BeNull();
    }

    [Theory]
    [InlineData(422, "application/json", """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Secret \"orders-dapr-api-token\" is invalid: data: Invalid value","reason":"Invalid","code":422}""")]
    [InlineData(500, "text/plain", "internal error")]
    public async Task CreateAsync_SecretRejected_TheSecretIsNotInTheException(int status, string contentType, string body)
    {
        const string Token = "super-secret-token-value";
        string? received = null;
        await using var api = await LoopbackServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            received = await reader.ReadToEndAsync();
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });
        using var client = Client(api.Host);
        var secret = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = "orders-dapr-api-token", NamespaceProperty = Ns },
            StringData = new Dictionary<string, string> { ["token"] = Token },
            Data = new Dictionary<string, byte[]> { ["token-bytes"] = Encoding.UTF8.GetBytes(Token) },
        };

        var act = () => client.CreateAsync(ApiResources.Secrets, secret, Ns, "dapr-shared", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<KubernetesApiException>()).Which;
        received.Should().Contain(Token, "the secret did go to the server");
        var text = error.ToString() + error.Status?.Message;
        text.Should().NotContain(Token).And.NotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Token)));
        ((int)error.StatusCode).Should().Be(status);
    }

    [Fact]
    public async Task ApiWatchSourceListAsync_PagedList_FollowsContinueTokensAndReturnsEveryItem()
    {
        // A real server pages at "limit" and hands out opaque continue tokens (base64: '+', '/', '=' need escaping).
        var pages = new Dictionary<string, (string Items, string? Continue)>
        {
            [""] = ("""{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}""", "cGFnZS0y+/="),
            ["cGFnZS0y+/="] = ("""{"metadata":{"name":"c"}},{"metadata":{"name":"d"}}""", "cGFnZS0z"),
            ["cGFnZS0z"] = ("""{"metadata":{"name":"e"}}""", null),
        };
        await using var api = await LoopbackServer.StartAsync(async context =>
        {
            var (items, next) = pages[context.Request.Query["continue"].ToString()];
            var metadata = next is null ? "\"resourceVersion\":\"42\"" : $"\"resourceVersion\":\"42\",\"continue\":\"{next}\"";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"apiVersion":"v1","kind":"ConfigMapList","metadata":{{{metadata}}},"items":[{{items}}]}""");
        });
        using var client = Client(api.Host);
        var source = new ApiWatchSource<V1ConfigMap, V1ConfigMapList>(client, ApiResources.ConfigMaps, KubernetesModelJson.Default.V1ConfigMapList, Ns, new ListOptions(LabelSelector: "app=x"));

        var (list, resourceVersion) = await source.ListAsync(CancellationToken.None);

        list.Select(i => i.Metadata.Name).Should().Equal("a", "b", "c", "d", "e");
        resourceVersion.Should().Be("42");
        api.Requests.Select(r => r.Query).Should().Equal(
            "?labelSelector=app%3Dx&limit=500",
            "?labelSelector=app%3Dx&limit=500&continue=cGFnZS0y%2B%2F%3D",
            "?labelSelector=app%3Dx&limit=500&continue=cGFnZS0z");
    }

    private static KubernetesApiClient Client(string host) => new(new KubernetesClientConfiguration { Host = host });

    private static async Task Call(KubernetesApiClient client, string operation, CancellationToken cancellationToken)
    {
        var value = new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "settings", NamespaceProperty = Ns } };
        switch (operation)
        {
            case "get":
                await client.GetAsync(ApiResources.ConfigMaps, Ns, "settings", cancellationToken);
                break;
            case "list":
                await client.ListAsync(ApiResources.ConfigMaps, KubernetesModelJson.Default.V1ConfigMapList, Ns, new ListOptions(), cancellationToken);
                break;
            case "create":
                await client.CreateAsync(ApiResources.ConfigMaps, value, Ns, "dapr-shared", cancellationToken);
                break;
            case "replace":
                await client.ReplaceAsync(ApiResources.ConfigMaps, value, Ns, "settings", cancellationToken);
                break;
            case "apply":
                await client.ApplyAsync(ApiResources.ConfigMaps, value, Ns, "settings", "dapr-shared", force: true, cancellationToken);
                break;
            case "delete":
                await client.DeleteAsync(ApiResources.ConfigMaps, Ns, "settings", null, cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }
}
