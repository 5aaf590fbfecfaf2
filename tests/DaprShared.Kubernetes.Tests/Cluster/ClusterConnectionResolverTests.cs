using DaprShared.FakeKubeApi;
using DaprShared.Kubernetes.Api;
using DaprShared.Kubernetes.Cluster;
using DaprShared.TestData.Logging;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace DaprShared.Kubernetes.Tests.Cluster;

public sealed class ClusterConnectionResolverTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dapr-shared-kubeconfig-").FullName;
    private readonly TestLoggerProvider logs = new(null);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Resolve_ConfiguredKubeconfig_ConnectsToThatServer()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        var path = Path.Combine(directory, "config");
        server.WriteKubeconfig(path);
        server.Store.Put(new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "settings", NamespaceProperty = "shop" } });

        using var connection = Resolver(inCluster: true).Resolve(new KubernetesConnectionOptions { Kubeconfig = path }, Logger());

        connection.IsAvailable.Should().BeTrue();
        connection.Source.Should().Be(ClusterConnectionSource.Kubeconfig, "a configured kubeconfig wins over in-cluster");
        (await connection.Client!.GetAsync(ApiResources.ConfigMaps, "shop", "settings", CancellationToken.None)).Metadata.Name.Should().Be("settings");
        logs.Lines.Should().ContainSingle(l => l.Contains("[3001]", StringComparison.Ordinal) && l.Contains(path, StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_ConfiguredKubeconfigMissing_NoClusterWithOneLogLine()
    {
        var path = Path.Combine(directory, "nope");

        using var connection = Resolver().Resolve(new KubernetesConnectionOptions { Kubeconfig = path }, Logger());

        connection.IsAvailable.Should().BeFalse();
        connection.Client.Should().BeNull();
        connection.Description.Should().Contain(path);

        // What having no cluster means is the host's to say (the controller's line 3000); the kit says what failed.
        logs.Lines.Should().ContainSingle().Which.Should().Contain("[3002]").And.Contain(path);
    }

    [Fact]
    public void Resolve_BrokenKubeconfig_NoClusterNotAnException()
    {
        var path = Path.Combine(directory, "config");
        File.WriteAllText(path, "this: [is not: a kubeconfig");

        using var connection = Resolver().Resolve(new KubernetesConnectionOptions { Kubeconfig = path }, Logger());

        connection.IsAvailable.Should().BeFalse();
        logs.Lines.Should().Contain(l => l.Contains("[3002]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("client-certificate-data: bm90IGEgY2VydGlmaWNhdGU=\n    client-key-data: bm90IGEga2V5")] // "not a certificate", "not a key"
    [InlineData("client-certificate-data: '%%%'\n    client-key-data: '%%%'")] // not even base64
    [InlineData("client-certificate: missing.crt\n    client-key: missing.key")]
    public void Resolve_UnusableClientCredentials_NoClusterNotAnException(string credentials)
    {
        var path = Path.Combine(directory, "config");
        File.WriteAllText(path, $$$"""
            current-context: c
            clusters:
            - {name: c, cluster: {server: "https://127.0.0.1:6443"}}
            users:
            - name: u
              user:
                {{{credentials}}}
            contexts:
            - {name: c, context: {cluster: c, user: u}}
            """);

        using var connection = Resolver().Resolve(new KubernetesConnectionOptions { Kubeconfig = path }, Logger());

        connection.IsAvailable.Should().BeFalse("a kubeconfig whose credentials cannot be used means no cluster, not a crash at start");
        logs.Lines.Should().Contain(l => l.Contains("[3002]", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_InCluster_UsesTheServiceAccount()
    {
        var config = new KubernetesClientConfiguration { Host = "https://10.0.0.1:443", Namespace = "dapr-shared-system" };

        using var connection = new ClusterConnectionResolver(() => true, () => config, () => null, Path.Combine(directory, "none"))
            .Resolve(new KubernetesConnectionOptions(), Logger());

        connection.Source.Should().Be(ClusterConnectionSource.InCluster);
        connection.Namespace.Should().Be("dapr-shared-system");
    }

    [Fact]
    public async Task Resolve_NotInClusterKubeconfigVariable_UsesTheFirstExistingFile()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        var path = Path.Combine(directory, "from-env");
        server.WriteKubeconfig(path);

        using var connection = new ClusterConnectionResolver(() => false, () => throw new InvalidOperationException(), () => Path.Combine(directory, "missing") + Path.PathSeparator + path, Path.Combine(directory, "home"))
            .Resolve(new KubernetesConnectionOptions(), Logger());

        connection.IsAvailable.Should().BeTrue();
        connection.Description.Should().Contain(path);
    }

    [Fact]
    public void Resolve_NothingAnywhere_NoCluster()
    {
        using var connection = Resolver().Resolve(new KubernetesConnectionOptions(), Logger());

        connection.IsAvailable.Should().BeFalse();
        connection.Description.Should().Be("not in a cluster and no kubeconfig found");
    }

    private ClusterConnectionResolver Resolver(bool inCluster = false) =>
        new(() => inCluster, () => new KubernetesClientConfiguration { Host = "https://in-cluster.invalid" }, () => null, Path.Combine(directory, "home-config"));

    private ILogger Logger() => LoggerFactory.Create(b => b.AddProvider(logs)).CreateLogger("test");
}
