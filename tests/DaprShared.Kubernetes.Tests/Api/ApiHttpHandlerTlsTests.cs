using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DaprShared.Kubernetes.Api;
using k8s;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DaprShared.Kubernetes.Tests.Api;

/// <summary>TLS to the API server through <see cref="KubernetesApiClient"/> against real HTTPS servers on 127.0.0.1:
/// the kubeconfig's CA and only it, insecure-skip-tls-verify, tls-server-name, and client certificates.</summary>
public sealed class ApiHttpHandlerTlsTests : IDisposable
{
    private const string ConfigMapJson = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"shop"}}""";

    private readonly TestAuthority cluster = TestAuthority.Create("kubernetes");
    private readonly TestAuthority other = TestAuthority.Create("some other CA");
    private readonly string directory = Directory.CreateTempSubdirectory("dapr-shared-tls-").FullName;

    public void Dispose()
    {
        cluster.Dispose();
        other.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Get_ServerIssuedByTheConfiguredCa_Succeeds()
    {
        using var certificate = cluster.IssueServer(loopbackAddress: true, "kubernetes.default.svc");
        await using var api = await LoopbackServer.AnsweringAsync(200, "application/json", ConfigMapJson, certificate);
        using var client = new KubernetesApiClient(new KubernetesClientConfiguration { Host = api.Host, SslCaCerts = Authorities(cluster) });

        var read = await client.GetAsync(ApiResources.ConfigMaps, "shop", "settings", CancellationToken.None);

        read.Metadata.Name.Should().Be("settings");
    }

    [Theory]
    [InlineData(false, "HTTP/2")]
    [InlineData(true, "HTTP/1.1")]
    public async Task Get_ServerOffersHttp2_UsedUnlessTheConfigurationDisablesIt(bool disableHttp2, string expected)
    {
        using var certificate = cluster.IssueServer(loopbackAddress: true);
        await using var api = await LoopbackServer.StartAsync(
            async context =>
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(ConfigMapJson);
            },
            certificate,
            protocols: HttpProtocols.Http1AndHttp2);
        using var client = new KubernetesApiClient(new KubernetesClientConfiguration { Host = api.Host, SslCaCerts = Authorities(cluster), DisableHttp2 = disableHttp2 });

        await client.GetAsync(ApiResources.ConfigMaps, "shop", "settings", CancellationToken.None);

        api.Requests.Single().Protocol.Should().Be(expected, "HTTP/2 lets every watch share one connection and notices a dead one by its pings");
    }

    [Fact]
    public async Task Get_ServerIssuedByAnotherCa_RejectedWithoutReachingTheServer()
    {
        using var certificate = cluster.IssueServer(loopbackAddress: true);
        await using var api = await LoopbackServer.AnsweringAsync(200, "application/json", ConfigMapJson, certificate);
        using var client = new KubernetesApiClient(new KubernetesClientConfiguration { Host = api.Host, SslCaCerts = Authorities(other) });

        var act = () => client.GetAsync(ApiResources.ConfigMaps, "shop", "settings", CancellationToken.None);

        await act.Should().ThrowAsync<HttpRequestException>();
        api.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Get_ConfiguredCaAlongsideAnotherCa_AnyOfThemIsTrusted()
    {
        using var certificate = cluster.IssueServer(loopbackAddress: true);
        await using var api = await LoopbackServer.AnsweringAsync(200, "application/json", ConfigMapJson, certificate);
        using var client = new KubernetesApiClient(new KubernetesClientConfiguration { Host = api.Host, SslCaCerts = Authorities(other, cluster) });

        var read = await client.GetAsync(ApiResources.ConfigMaps, "shop", "settings", CancellationToken.None);

        read.Metadata.Name.Should().Be("settings");
    }

    [Fact]
    public async Task Get_NoCaConfiguredAndAnUnknownIssuer_Rejected()
    {
        using var certificate = cluster.IssueServer(loopbackAddress: true);
        await using var api = await LoopbackServer.AnsweringAsync(200, "application/json", ConfigMapJson, certificate);
        using var client = new KubernetesApiClient(new KubernetesClientConfiguration { Host = api.Host });

        var act = () => client.GetAsync(ApiResources.ConfigMaps, "shop", "settings", CancellationToken.None);

        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task Get_ConfiguredCaButTheNameDoesNotMatch_Rejected()
    {
        // Issued by the trusted CA, but for another host: a trusted chain is not enough.
        using var certificate = cluster.IssueServer(loopbackAddress: false, "kubernetes.default.svc");
        await using var api = await LoopbackServer.AnsweringAsync(200, "application/json", ConfigMapJson, certificate);
        using var client = new KubernetesApiClient(new KubernetesClientConfiguration { Host = api.Host, SslCaCerts = Authorities(cluster) });

        var act = () => client.GetAsync(ApiResources.ConfigMaps, "shop", "settings", CancellationToken.None);

        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task Get_TlsServerName_ValidatesAndSendsThatNameInsteadOfTheAddress()
    {
        using var certificate = cluster.IssueServer(loopbackAddress: false, "kubernetes.default.svc");
        await using var api = await LoopbackServer.AnsweringAsync(200, "application/json", ConfigMapJson, certificate);
        using var client = new KubernetesApiClient(new KubernetesClientConfiguration
        {
            Host = api.Host,
            SslCaCerts = Authorities(cluster),
            TlsServerName = "kubernetes.default.svc",
        });

        var read = await client.GetAsync(ApiResources.ConfigMaps, "shop", "settings", CancellationToken.None);

        read.Metadata.Name.Should().Be("settings");
        api.ServerNames.Should().Equal("kubernetes.default.svc");
    }

    [Fact]
    public async Task Get_SkipTlsVerify_AcceptsAnUnknownIssuerAndAWrongName()
    {
        using var certificate = other.IssueServer(loopbackAddress: false, "elsewhere.example");
        await using var api = await LoopbackServer.AnsweringAsync(200, "application/json", ConfigMapJson, certificate);
        using var client = new KubernetesApiClient(new KubernetesClientConfiguration { Host = api.Host, SkipTlsVerify = true });

        var read = await client.GetAsync(ApiResources.ConfigMaps, "shop", "settings", CancellationToken.None);

        read.Metadata.Name.Should().Be("settings");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Get_ClientCertificateData_IsPresentedToTheServer(bool rsa)
    {
        using var certificate = cluster.IssueServer(loopbackAddress: true);
        await using var api = await LoopbackServer.AnsweringAsync(200, "application/json", ConfigMapJson, certificate, requireClientCertificate: true);
        var (clientPem, keyPem) = cluster.IssueClient("kubernetes-admin", rsa);
        using var client = new KubernetesApiClient(new KubernetesClientConfiguration
        {
            Host = api.Host,
            SslCaCerts = Authorities(cluster),
            ClientCertificateData = Base64(clientPem),
            ClientCertificateKeyData = Base64(keyPem),
        });

        await client.GetAsync(ApiResources.ConfigMaps, "shop", "settings", CancellationToken.None);

        api.Requests.Should().ContainSingle().Which.ClientCertificateSubject.Should().Contain("CN=kubernetes-admin");
    }

    [Fact]
    public async Task Get_ClientCertificateFiles_ArePresentedToTheServer()
    {
        using var certificate = cluster.IssueServer(loopbackAddress: true);
        await using var api = await LoopbackServer.AnsweringAsync(200, "application/json", ConfigMapJson, certificate, requireClientCertificate: true);
        var (clientPem, keyPem) = cluster.IssueClient("from-files");
        var certificateFile = Path.Combine(directory, "client.crt");
        var keyFile = Path.Combine(directory, "client.key");
        File.WriteAllText(certificateFile, clientPem);
        File.WriteAllText(keyFile, keyPem);
        using var client = new KubernetesApiClient(new KubernetesClientConfiguration
        {
            Host = api.Host,
            SslCaCerts = Authorities(cluster),
            ClientCertificateFilePath = certificateFile,
            ClientKeyFilePath = keyFile,
        });

        await client.GetAsync(ApiResources.ConfigMaps, "shop", "settings", CancellationToken.None);

        api.Requests.Should().ContainSingle().Which.ClientCertificateSubject.Should().Contain("CN=from-files");
    }

    [Fact]
    public async Task Get_ServerRequiresAClientCertificateAndNoneIsConfigured_Fails()
    {
        using var certificate = cluster.IssueServer(loopbackAddress: true);
        await using var api = await LoopbackServer.AnsweringAsync(200, "application/json", ConfigMapJson, certificate, requireClientCertificate: true);
        using var client = new KubernetesApiClient(new KubernetesClientConfiguration { Host = api.Host, SslCaCerts = Authorities(cluster) });

        var act = () => client.GetAsync(ApiResources.ConfigMaps, "shop", "settings", CancellationToken.None);

        await act.Should().ThrowAsync<HttpRequestException>();
        api.Requests.Should().BeEmpty();
    }

    private static X509Certificate2Collection Authorities(params TestAuthority[] authorities)
    {
        var collection = new X509Certificate2Collection();
        foreach (var authority in authorities)
        {
            collection.ImportFromPem(authority.Pem);
        }

        return collection;
    }

    private static string Base64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
}
