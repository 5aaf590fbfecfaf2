using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using DaprShared.FakeKubeApi;
using DaprShared.Kubernetes.Api;
using DaprShared.TestData;
using DaprShared.Webhook.Tests.Infrastructure;
using DaprShared.Webhook.Tls.SelfManaged;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace DaprShared.Webhook.Tests.SelfManagedTls;

/// <summary>The real webhook in self-managed mode against the fake API server, called the way the API server calls
/// it: HTTPS to the Service's DNS name, trusting only the webhook configuration's caBundle as it is at that moment.</summary>
public sealed class SelfManagedTlsServerTests
{
    private const string ServiceHost = "dapr-shared-injector.dapr-shared-system.svc";

    [Fact]
    public async Task Serve_SelfManagedMode_ReadyAndMutatesOverTheCaBundlesTrust()
    {
        await using var api = await FakeKubeApiServer.StartAsync();
        api.Store.Put(TlsCluster.ShippedWebhookConfiguration());
        await using var server = await StartAsync(api);

        using (var client = ApiServerLikeClient(api, server.Port, new ServedCertificate()))
        {
            (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);
            await AssertMutatesAsync(client);
        }

        api.Store.Get<V1Secret>(TlsCluster.Namespace, "dapr-shared-injector-tls").Should().NotBeNull();
    }

    [Fact]
    public async Task Serve_SecretDeletedWhileAdmitting_NoAdmissionFails()
    {
        await using var api = await FakeKubeApiServer.StartAsync();
        api.Store.Put(TlsCluster.ShippedWebhookConfiguration());
        await using var server = await StartAsync(api);
        var served = new ServedCertificate();
        using (var first = ApiServerLikeClient(api, server.Port, served))
        {
            await AssertMutatesAsync(first);
        }

        var original = served.Sha256;
        api.Store.Delete<V1Secret>(TlsCluster.Namespace, "dapr-shared-injector-tls");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var afterRotation = 0;
        while (DateTime.UtcNow < deadline && afterRotation < 10)
        {
            // A fresh connection each time, trusting the caBundle as it is now: what the API server does after it
            // reloads the webhook configuration.
            using var client = ApiServerLikeClient(api, server.Port, served);
            await AssertMutatesAsync(client);
            afterRotation += served.Sha256 == original ? 0 : 1;
            await Task.Delay(20);
        }

        afterRotation.Should().Be(10, "the replica recreates the Secret and serves its new certificate, without a failed call on the way");
    }

    private static async Task<WebhookServer> StartAsync(FakeKubeApiServer api) =>
        await WebhookServer.StartAsync(
            ["--tls-mode", "SelfManaged", "--Tls:SelfManaged:Namespace=" + TlsCluster.Namespace, "--Tls:SelfManaged:PollInterval=00:00:00.2"],
            // The host's own composition (WebhookHost adds self-managed TLS); only the API client is the fake's.
            builder => builder.Services.AddSingleton(new KubernetesApiClient(api.ClientConfiguration())));

    private static async Task AssertMutatesAsync(HttpClient client)
    {
        var body = File.ReadAllBytes(Path.Combine(TestDataPaths.Admission, "checkout-pod.json"));
        using var response = await client.SendAsync(WebhookServer.Post("/mutate", body));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var review = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        review.RootElement.GetProperty("response").GetProperty("allowed").GetBoolean().Should().BeTrue();
    }

    /// <summary>Connects to 127.0.0.1 but validates the certificate for the Service's DNS name, trusting only the
    /// CAs in the caBundle of the webhook configuration right now.</summary>
    private static HttpClient ApiServerLikeClient(FakeKubeApiServer api, int port, ServedCertificate served)
    {
        var configuration = api.Store.Get<V1MutatingWebhookConfiguration>(null, TlsCluster.ConfigurationName)!;
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        foreach (var ca in TlsSecretCodec.ParseBundle(configuration.Webhooks[0].ClientConfig.CaBundle))
        {
            policy.CustomTrustStore.Add(ca);
        }

        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = policy,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    served.Sha256 = certificate?.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
                    return errors == SslPolicyErrors.None;
                },
            },
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://{ServiceHost}:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The certificate the server presented on the last handshake.</summary>
    private sealed class ServedCertificate
    {
        public string? Sha256 { get; set; }
    }
}
