using System.Text;
using DaprShared.Kubernetes.Api;
using DaprShared.Kubernetes.Cluster;
using DaprShared.Kubernetes.Tests.Api;
using k8s.Authentication;
using k8s.Exceptions;

namespace DaprShared.Kubernetes.Tests.Cluster;

/// <summary>Every kubeconfig field kubectl users rely on, read from real files in a temp directory.</summary>
public sealed class KubeconfigFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dapr-shared-kubeconfig-").FullName;
    private readonly TestAuthority authority = TestAuthority.Create("kubernetes");

    public void Dispose()
    {
        authority.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Load_InlineClusterAndUserFields_AllRead()
    {
        var (clientPem, keyPem) = authority.IssueClient("kubernetes-admin");
        var path = Write("config", $"""
            apiVersion: v1
            kind: Config
            current-context: admin@prod
            clusters:
            - name: prod
              cluster:
                server: https://10.0.0.1:6443
                certificate-authority-data: {Base64(authority.Pem)}
                tls-server-name: kubernetes.default.svc
            users:
            - name: admin
              user:
                token: abc.def
                client-certificate-data: {Base64(clientPem)}
                client-key-data: {Base64(keyPem)}
                username: alice
                password: s3cret
            contexts:
            - name: admin@prod
              context:
                cluster: prod
                user: admin
                namespace: shop
            """);

        var configuration = KubeconfigFile.Load(path);

        configuration.Host.Should().Be("https://10.0.0.1:6443");
        configuration.Namespace.Should().Be("shop");
        configuration.TlsServerName.Should().Be("kubernetes.default.svc");
        configuration.SkipTlsVerify.Should().BeFalse();
        configuration.SslCaCerts.Should().ContainSingle().Which.Thumbprint.Should().Be(authority.Certificate.Thumbprint);
        configuration.AccessToken.Should().Be("abc.def");
        configuration.ClientCertificateData.Should().Be(Base64(clientPem));
        configuration.ClientCertificateKeyData.Should().Be(Base64(keyPem));
        configuration.ClientCertificateFilePath.Should().BeNull();
        configuration.ClientKeyFilePath.Should().BeNull();
        configuration.Username.Should().Be("alice");
        configuration.Password.Should().Be("s3cret");
        configuration.TokenProvider.Should().BeNull();
    }

    [Fact]
    public async Task Load_RelativeFilePaths_ResolvedAgainstTheKubeconfigsDirectory()
    {
        var (clientPem, keyPem) = authority.IssueClient("kubernetes-admin");
        var home = Path.Combine(directory, "home", ".kube");
        Directory.CreateDirectory(Path.Combine(home, "pki"));
        File.WriteAllText(Path.Combine(home, "pki", "ca.crt"), authority.Pem);
        File.WriteAllText(Path.Combine(home, "pki", "client.crt"), clientPem);
        File.WriteAllText(Path.Combine(home, "pki", "client.key"), keyPem);
        File.WriteAllText(Path.Combine(home, "token"), "token-from-file\n");
        var path = Write(Path.Combine("home", ".kube", "config"), """
            current-context: c
            clusters:
            - name: c
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority: pki/ca.crt
            users:
            - name: u
              user:
                client-certificate: pki/client.crt
                client-key: ./pki/client.key
                tokenFile: token
            contexts:
            - name: c
              context: {cluster: c, user: u}
            """);

        var configuration = KubeconfigFile.Load(path);

        configuration.SslCaCerts.Should().ContainSingle().Which.Thumbprint.Should().Be(authority.Certificate.Thumbprint);
        configuration.ClientCertificateFilePath.Should().Be(Path.Combine(home, "pki", "client.crt"));
        configuration.ClientKeyFilePath.Should().Be(Path.Combine(home, "pki", "client.key"));
        configuration.TokenProvider.Should().BeOfType<TokenFileAuth>();
        var header = await configuration.TokenProvider!.GetAuthenticationHeaderAsync(CancellationToken.None);
        header.Scheme.Should().Be("Bearer");
        header.Parameter.Should().Be("token-from-file");
    }

    [Fact]
    public void Load_AbsoluteFilePaths_KeptAsTheyAre()
    {
        var ca = Path.Combine(directory, "elsewhere-ca.crt");
        File.WriteAllText(ca, authority.Pem);
        var path = Write(Path.Combine("sub", "config"), $$"""
            current-context: c
            clusters:
            - name: c
              cluster: {server: "https://127.0.0.1:6443", certificate-authority: "{{ca}}"}
            users:
            - name: u
              user: {client-certificate: /etc/kubernetes/pki/admin.crt, client-key: /etc/kubernetes/pki/admin.key}
            contexts:
            - name: c
              context: {cluster: c, user: u}
            """);

        var configuration = KubeconfigFile.Load(path);

        configuration.SslCaCerts.Should().ContainSingle();
        configuration.ClientCertificateFilePath.Should().Be("/etc/kubernetes/pki/admin.crt");
        configuration.ClientKeyFilePath.Should().Be("/etc/kubernetes/pki/admin.key");
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Load_InsecureSkipTlsVerify_Read(string value, bool expected)
    {
        var path = Write("config", $$"""
            current-context: c
            clusters:
            - name: c
              cluster:
                server: https://127.0.0.1:6443
                insecure-skip-tls-verify: {{value}}
            contexts:
            - name: c
              context: {cluster: c}
            """);

        var configuration = KubeconfigFile.Load(path);

        configuration.SkipTlsVerify.Should().Be(expected);
        configuration.SslCaCerts.Should().BeNull();
    }

    [Fact]
    public void Load_ExplicitContext_WinsOverCurrentContext()
    {
        var path = Write("config", TwoContexts);

        var configuration = KubeconfigFile.Load(path, "staging");

        configuration.Host.Should().Be("https://staging.example:6443");
        configuration.Namespace.Should().Be("stage-ns");
        configuration.AccessToken.Should().Be("staging-token");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Load_NoContextGiven_UsesCurrentContext(string? context)
    {
        var path = Write("config", TwoContexts);

        var configuration = KubeconfigFile.Load(path, context);

        configuration.Host.Should().Be("https://prod.example:6443");
        configuration.Namespace.Should().Be("prod-ns");
        configuration.AccessToken.Should().Be("prod-token");
    }

    [Fact]
    public void Load_UnknownContext_ClearError()
    {
        var path = Write("config", TwoContexts);

        var act = () => KubeconfigFile.Load(path, "qa");

        act.Should().Throw<KubeConfigException>().WithMessage($"*{path}*no context named qa*");
    }

    [Fact]
    public void Load_NoCurrentContextAndNoneGiven_ClearError()
    {
        var path = Write("config", TwoContexts.Replace("current-context: prod", "", StringComparison.Ordinal));

        var act = () => KubeconfigFile.Load(path);

        act.Should().Throw<KubeConfigException>().WithMessage("*no current-context and no context was given*");
    }

    [Theory]
    [InlineData("cluster: missing", "*no cluster named missing*")]
    [InlineData("user: u", "*no cluster*")]
    [InlineData("cluster: c\n    user: missing", "*no user named missing*")]
    public void Load_ContextPointsNowhere_ClearError(string context, string message)
    {
        var path = Write("config", $"""
            current-context: x
            clusters:
            - name: c
              cluster:
                server: https://127.0.0.1:6443
            contexts:
            - name: x
              context:
                {context}
            """);

        var act = () => KubeconfigFile.Load(path);

        act.Should().Throw<KubeConfigException>().WithMessage(message);
    }

    [Fact]
    public void Load_ClusterWithoutServer_ClearError()
    {
        var path = Write("config", """
            current-context: x
            clusters:
            - name: c
              cluster:
                insecure-skip-tls-verify: true
            contexts:
            - {name: x, context: {cluster: c}}
            """);

        var act = () => KubeconfigFile.Load(path);

        act.Should().Throw<KubeConfigException>().WithMessage("*cluster c has no server*");
    }

    [Fact]
    public void Load_AuthProvider_RefusedWithAPointerToExec()
    {
        var path = Write("config", """
            current-context: gke
            clusters:
            - {name: gke, cluster: {server: "https://34.1.2.3"}}
            users:
            - name: gcp-user
              user:
                auth-provider:
                  name: gcp
                  config: {cmd-path: gcloud}
            contexts:
            - {name: gke, context: {cluster: gke, user: gcp-user}}
            """);

        var act = () => KubeconfigFile.Load(path);

        act.Should().Throw<KubeConfigException>().WithMessage("*gcp-user*auth-provider*exec*");
    }

    [Theory]
    [InlineData("- just\n- a list\n")]
    [InlineData("a plain string\n")]
    [InlineData("")]
    public void Load_NotAMapping_ClearError(string text)
    {
        var path = Write("config", text);

        var act = () => KubeconfigFile.Load(path);

        act.Should().Throw<KubeConfigException>().WithMessage("*not a kubeconfig*mapping*");
    }

    [Fact]
    public void Load_NullAndTildeValues_TreatedAsAbsent()
    {
        var path = Write("config", """
            current-context: c
            clusters:
            - name: c
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority-data: ~
                certificate-authority: null
                tls-server-name:
                insecure-skip-tls-verify: ~
            users:
            - name: u
              user:
                token: ~
                tokenFile: null
                client-certificate-data:
                client-key: ~
                username: null
                password: ~
                exec: ~
            contexts:
            - name: c
              context:
                cluster: c
                user: u
                namespace: ~
            """);

        var configuration = KubeconfigFile.Load(path);

        configuration.Namespace.Should().BeNull();
        configuration.SslCaCerts.Should().BeNull();
        configuration.TlsServerName.Should().BeNull();
        configuration.SkipTlsVerify.Should().BeFalse();
        configuration.AccessToken.Should().BeNull();
        configuration.TokenProvider.Should().BeNull();
        configuration.ClientCertificateData.Should().BeNull();
        configuration.ClientKeyFilePath.Should().BeNull();
        configuration.Username.Should().BeNull();
        configuration.Password.Should().BeNull();
    }

    [Fact]
    public void Load_QuotedNull_IsAString()
    {
        var path = Write("config", """
            current-context: c
            clusters:
            - {name: c, cluster: {server: "https://127.0.0.1:6443"}}
            users:
            - {name: u, user: {token: "null"}}
            contexts:
            - {name: c, context: {cluster: c, user: u, namespace: "~"}}
            """);

        var configuration = KubeconfigFile.Load(path);

        configuration.AccessToken.Should().Be("null");
        configuration.Namespace.Should().Be("~");
    }

    [Fact]
    public void Load_CertificateAuthorityDataWithoutACertificate_ClearError()
    {
        var path = Write("config", $$"""
            current-context: c
            clusters:
            - name: c
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority-data: {{Base64("not a certificate")}}
            contexts:
            - name: c
              context: {cluster: c}
            """);

        var act = () => KubeconfigFile.Load(path);

        act.Should().Throw<KubeConfigException>().WithMessage("*certificate authority holds no certificate*");
    }

    [Fact]
    public void Load_ContextWithoutUser_NoCredentials()
    {
        var path = Write("config", """
            current-context: c
            clusters:
            - {name: c, cluster: {server: "http://127.0.0.1:8080"}}
            contexts:
            - {name: c, context: {cluster: c}}
            """);

        var configuration = KubeconfigFile.Load(path);

        configuration.Host.Should().Be("http://127.0.0.1:8080");
        configuration.AccessToken.Should().BeNull();
        configuration.TokenProvider.Should().BeNull();
        configuration.Username.Should().BeNull();
    }

    [Fact]
    public void Load_ExecUser_TokenProviderRunsThePlugin()
    {
        var path = Write("config", """
            current-context: c
            clusters:
            - {name: c, cluster: {server: "https://127.0.0.1:6443"}}
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: kubelogin
                  args: [get-token]
            contexts:
            - {name: c, context: {cluster: c, user: u}}
            """);

        var configuration = KubeconfigFile.Load(path);

        configuration.TokenProvider.Should().BeOfType<ExecCredentialProvider>();
    }

    [Fact]
    public async Task Load_CaAndClientCertificateData_ConnectsOverMutualTls()
    {
        using var serving = authority.IssueServer(loopbackAddress: true);
        await using var api = await LoopbackServer.AnsweringAsync(200, "application/json", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"}}""", serving, requireClientCertificate: true);
        var (clientPem, keyPem) = authority.IssueClient("kind-admin", rsa: true);
        var path = Write("config", $$"""
            current-context: kind
            clusters:
            - name: kind
              cluster:
                server: {{api.Host}}
                certificate-authority-data: {{Base64(authority.Pem)}}
            users:
            - name: kind
              user:
                client-certificate-data: {{Base64(clientPem)}}
                client-key-data: {{Base64(keyPem)}}
            contexts:
            - name: kind
              context: {cluster: kind, user: kind, namespace: shop}
            """);
        using var client = new KubernetesApiClient(KubeconfigFile.Load(path));

        var read = await client.GetAsync(ApiResources.ConfigMaps, "shop", "settings", CancellationToken.None);

        read.Metadata.Name.Should().Be("settings");
        api.Requests.Should().ContainSingle().Which.ClientCertificateSubject.Should().Contain("CN=kind-admin");
    }

    private const string TwoContexts = """
        apiVersion: v1
        kind: Config
        current-context: prod
        clusters:
        - name: prod
          cluster: {server: "https://prod.example:6443"}
        - name: staging
          cluster: {server: "https://staging.example:6443"}
        users:
        - name: prod
          user: {token: prod-token}
        - name: staging
          user: {token: staging-token}
        contexts:
        - name: prod
          context: {cluster: prod, user: prod, namespace: prod-ns}
        - name: staging
          context: {cluster: staging, user: staging, namespace: stage-ns}
        """;

    private string Write(string relativePath, string text)
    {
        var path = Path.Combine(directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
