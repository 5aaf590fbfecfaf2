using System.Security.Cryptography.X509Certificates;
using DaprShared.FakeKubeApi;
using DaprShared.Kubernetes.Api;
using DaprShared.TestData;
using DaprShared.Webhook.Tls.SelfManaged;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace DaprShared.Webhook.Tests.SelfManagedTls;

/// <summary>A fake API server holding the product's real MutatingWebhookConfiguration (from deploy/base), a clock,
/// and replicas of the self-managed certificate source talking to it over HTTP like pods in a cluster.</summary>
internal sealed class TlsCluster : IAsyncDisposable
{
    public const string Namespace = "dapr-shared-system";
    public const string ConfigurationName = "dapr-shared-injector";

    private readonly List<SelfManagedCertificateSource> replicas = [];

    private TlsCluster(FakeKubeApiServer api, ManualClock clock)
    {
        Api = api;
        Clock = clock;
    }

    public FakeKubeApiServer Api { get; }

    public ManualClock Clock { get; }

    public SelfManagedTlsOptions Options { get; } = new() { Namespace = Namespace };

    public IReadOnlyList<string> DnsNames => CertificateIssuer.ServiceDnsNames(Options.ServiceName, Namespace, "cluster.local");

    public static async Task<TlsCluster> StartAsync(bool withWebhookConfiguration = true)
    {
        var api = await FakeKubeApiServer.StartAsync();
        var cluster = new TlsCluster(api, new ManualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        if (withWebhookConfiguration)
        {
            cluster.Api.Store.Put(ShippedWebhookConfiguration());
        }

        return cluster;
    }

    /// <summary>The webhook configuration exactly as deploy/ ships it (no caBundle).</summary>
    public static V1MutatingWebhookConfiguration ShippedWebhookConfiguration()
    {
        var path = Path.Combine(TestDataPaths.RepositoryRoot(), "deploy", "base", "mutatingwebhookconfiguration.yaml");
        return KubernetesYaml.Deserialize<V1MutatingWebhookConfiguration>(File.ReadAllText(path), strict: true);
    }

    public SelfManagedCertificateSource NewReplica()
    {
        var replica = new SelfManagedCertificateSource(
            new SelfManagedTlsClient(new KubernetesApiClient(Api.ClientConfiguration()), Options, Namespace), Options, DnsNames, Clock, NullLogger.Instance);
        replicas.Add(replica);
        return replica;
    }

    public V1Secret? Secret() => Api.Store.Get<V1Secret>(Namespace, Options.SecretName);

    public TlsMaterial Material()
    {
        var secret = Secret() ?? throw new InvalidOperationException("no TLS Secret");
        return TlsSecretCodec.Decode(secret, out var problem) ?? throw new InvalidOperationException(problem);
    }

    public V1MutatingWebhookConfiguration Configuration() =>
        Api.Store.Get<V1MutatingWebhookConfiguration>(null, ConfigurationName) ?? throw new InvalidOperationException("no webhook configuration");

    /// <summary>The set of CA ids each webhook trusts.</summary>
    public IReadOnlyList<IReadOnlySet<string>> TrustedIds() =>
        Configuration().Webhooks
            .Select(w => (IReadOnlySet<string>)TlsSecretCodec.ParseBundle(w.ClientConfig.CaBundle).Select(CertificateChecks.Id).ToHashSet())
            .ToList();

    /// <summary>Whether every webhook, as the API server would see it now, trusts what <paramref name="served"/> is.</summary>
    public bool ApiServerTrusts(X509Certificate2 served) =>
        Configuration().Webhooks.All(w => CertificateChecks.ChainsToAny(served, TlsSecretCodec.ParseBundle(w.ClientConfig.CaBundle)));

    public int SecretCreates() =>
        Api.Requests.Count(r => r.Verb == Verbs.Create && r.Resource == "secrets" && r.StatusCode == 201);

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in replicas)
        {
            await replica.StopAsync(CancellationToken.None);
            replica.Dispose();
        }

        await Api.DisposeAsync();
    }
}
