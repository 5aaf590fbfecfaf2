using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DaprShared.TestData;
using k8s;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>One scrape of the product's <c>GET /metrics</c> (HTTPS, trusting only the CA in the webhook
/// configuration's <c>caBundle</c>, i.e. exactly what the API server trusts), reduced to the admission counter
/// <c>dapr_shared_admissions_total{result,reason}</c>.</summary>
public sealed class ProductMetrics
{
    public const string AdmissionsTotal = "dapr_shared_admissions_total";

    private ProductMetrics(IReadOnlyDictionary<string, double> admissions) => Admissions = admissions;

    /// <summary>Counter value per <c>result/reason</c>, e.g. <c>patched/injected</c>.</summary>
    public IReadOnlyDictionary<string, double> Admissions { get; }

    public static async Task<ProductMetrics> ReadAsync(RealCluster cluster, ProductProcess product)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(product);
        var configuration = await cluster.Admin.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(Installed.WebhookConfiguration).ConfigureAwait(false);
        using var ca = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(configuration.Webhooks[0].ClientConfig.CaBundle));
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, presented, _, errors) => TrustedBy(ca, presented, errors) },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        var text = await http.GetStringAsync(new Uri(product.BaseUri, "/metrics")).ConfigureAwait(false);
        return Parse(text);
    }

    /// <summary>Polls until every <paramref name="expected"/> <c>result/reason</c> has grown by at least its count
    /// since <paramref name="before"/> (the product counts a review just after answering it, so the count can lag
    /// the API server's reply), then returns every change: the caller asserts it is exactly what it expected.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> ChangesAsync(
        RealCluster cluster, ProductProcess product, ProductMetrics before, IReadOnlyDictionary<string, double> expected)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(expected);
        IReadOnlyDictionary<string, double> changes = new Dictionary<string, double>();
        try
        {
            await Eventually.HoldsAsync(
                async () =>
                {
                    changes = (await ReadAsync(cluster, product).ConfigureAwait(false)).Since(before);
                    var behind = expected.Where(e => changes.GetValueOrDefault(e.Key) < e.Value).Select(e => e.Key).ToList();
                    return behind.Count == 0 ? null : "not counted yet: " + string.Join(", ", behind);
                },
                TimeSpan.FromSeconds(10),
                product).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Return what was counted: the caller's assertion says what differs.
        }

        return changes;
    }

    /// <summary>The series that changed since <paramref name="before"/>, and by how much.</summary>
    public IReadOnlyDictionary<string, double> Since(ProductMetrics before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return Admissions
            .Select(a => (a.Key, Change: a.Value - before.Admissions.GetValueOrDefault(a.Key)))
            .Where(a => a.Change != 0)
            .ToDictionary(a => a.Key, a => a.Change);
    }

    private static ProductMetrics Parse(string text) => new(MetricsText.Parse(text)
        .Where(s => s.Name == AdmissionsTotal)
        .ToDictionary(s => $"{s.Labels["result"]}/{s.Labels["reason"]}", s => s.Value));

    private static bool TrustedBy(X509Certificate2 ca, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
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
