using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DaprShared.Integration.Tests.ControlPlane;
using DaprShared.Integration.Tests.Infrastructure;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace DaprShared.Integration.Tests;

/// <summary>Self-managed TLS (deploy/'s default mode) against the real API server: the Secret and the caBundle the
/// product writes are what the API server then uses to call it. The API server cannot reach the Service here (no
/// kube-proxy), so the webhook configuration names <c>https://localhost:PORT</c> and the product is told its
/// Service is called <c>localhost</c>: the last of the Service DNS names it certifies is then <c>localhost</c>, the
/// name the API server checks (the first, and the common name, is <c>localhost.dapr-shared-system.svc</c>; Go checks
/// only the alternative names).</summary>
/// <remarks>PropagationDelay keeps its 30 s default: it only holds back a serving certificate from a renewed CA. A
/// first start writes the new CA into the caBundle, then a Secret with the CA and a serving certificate together.</remarks>
[Collection(RealClusterCollection.Name)]
public sealed class SelfManagedTlsTests : IAsyncLifetime
{
    private const string SecretName = "dapr-shared-injector-tls";

    private readonly RealCluster cluster;
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("dapr-shared-it-selfmanaged-");
    private IReadOnlyList<Admissionregistrationv1WebhookClientConfig>? saved;
    private ProductProcess? product;

    public SelfManagedTlsTests(RealCluster cluster) => this.cluster = cluster;

    public async Task InitializeAsync()
    {
        await Installed.EnsureAsync(cluster);
        saved = await WebhookClientConfigs.ReadAsync(cluster);
        await DeleteSecretAsync();
    }

    public async Task DisposeAsync()
    {
        if (product is not null)
        {
            await product.TerminateAsync(TimeSpan.FromSeconds(10));
            await product.DisposeAsync();
        }

        if (saved is not null)
        {
            await WebhookClientConfigs.RestoreAsync(cluster, saved);
        }

        await DeleteSecretAsync();
        work.Delete(recursive: true);
    }

    [RealClusterFact]
    public async Task SelfManagedMode_NoSecretNoCaBundle_ApiServerTrustsWhatTheProductWrites()
    {
        var port = FreePort.Next();
        var server = new Uri($"https://localhost:{port}");
        await WebhookClientConfigs.PointAtAsync(cluster, server, caBundle: null);

        product = await ProductLauncher.StartSelfManagedAsync(cluster, work.FullName, port, "--Tls:SelfManaged:ServiceName=localhost");
        await Installed.WaitReadyAsync(product);

        var secret = await cluster.Admin.CoreV1.ReadNamespacedSecretAsync(SecretName, Installed.SystemNamespace);
        secret.Type.Should().Be("kubernetes.io/tls");
        secret.Data.Keys.Should().BeEquivalentTo(["tls.crt", "tls.key", "ca.crt", "ca.key"]);
        var authorities = Bundle(secret.Data["ca.crt"]);
        authorities.Should().ContainSingle("a first start makes one CA, and the caBundle trusted no earlier one");
        var authority = authorities[0];
        using var serving = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(secret.Data["tls.crt"]));
        serving.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(s => s.EnumerateDnsNames()).Should().Contain("localhost");

        var clientConfigs = await WebhookClientConfigs.ReadAsync(cluster);
        clientConfigs.Should().HaveCount(2).And.OnlyContain(c => c.Url.StartsWith(server.AbsoluteUri, StringComparison.Ordinal), "the product patched only the caBundle");
        foreach (var clientConfig in clientConfigs)
        {
            Bundle(clientConfig.CaBundle).Select(c => c.Thumbprint).Should().Equal([authority.Thumbprint], "every entry's caBundle is the Secret's CA");
        }

        (await ServedCertificateAsync(port, authority)).Thumbprint.Should().Be(serving.Thumbprint, "the product serves the Secret's certificate, valid for localhost under the Secret's CA");

        // The API server reloads webhook configurations asynchronously: dry-run creates (which call webhooks too) until
        // it calls the product over TLS with the new caBundle; then real pods through both entries.
        var ns = await cluster.CreateNamespaceAsync("selfmanaged", new Dictionary<string, string> { ["dapr-shared.io/enabled"] = "true" });
        await Eventually.HoldsAsync(
            async () =>
            {
                var probe = await cluster.Admin.CoreV1.CreateNamespacedPodAsync(OptedInByAnnotation("probe"), ns, dryRun: "All");
                return IsInjected(probe) ? null : "the API server did not get a mutation from the product:\n" + cluster.Plane.Tail(LocalControlPlane.Names.ApiServer, 10);
            },
            product: product);

        var byAnnotation = await cluster.Admin.CoreV1.CreateNamespacedPodAsync(OptedInByAnnotation("orders-1"), ns);
        IsInjected(byAnnotation).Should().BeTrue("the /mutate entry's caBundle lets the API server call the product");
        var byNamespace = FixturePods.Pod(FixturePods.Orders, "orders-2", new Dictionary<string, string?> { ["dapr-shared.io/enabled"] = null });
        IsInjected(await cluster.Admin.CoreV1.CreateNamespacedPodAsync(byNamespace, ns)).Should().BeTrue("the /mutate/namespace-opt-in entry's caBundle lets the API server call the product");
    }

    private static X509Certificate2Collection Bundle(byte[]? pem)
    {
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPem(Encoding.ASCII.GetString(pem ?? []));
        return bundle;
    }

    private static V1Pod OptedInByAnnotation(string name) => FixturePods.Pod(FixturePods.Orders, name);

    private static bool IsInjected(V1Pod pod) => pod.Metadata.Annotations?.ContainsKey("dapr-shared.io/injected") == true;

    /// <summary>The certificate served on <paramref name="port"/> to a client that, like the API server, asks for
    /// <c>localhost</c> and trusts only <paramref name="authority"/>: the handshake fails otherwise.</summary>
    private static async Task<X509Certificate2> ServedCertificateAsync(int port, X509Certificate2 authority)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream());
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(authority);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", CertificateChainPolicy = policy });
        return X509CertificateLoader.LoadCertificate(tls.RemoteCertificate!.GetRawCertData());
    }

    private async Task DeleteSecretAsync()
    {
        try
        {
            await cluster.Admin.CoreV1.DeleteNamespacedSecretAsync(SecretName, Installed.SystemNamespace);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }
}
