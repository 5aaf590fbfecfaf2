using DaprShared.TestData;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>Any sample of the product's <c>/metrics</c> (Prometheus text format), scraped over its HTTPS port as Prometheus
/// would; <see cref="ProductMetrics"/> reads the admission counter with the webhook's own trust.</summary>
public static class MetricsExposition
{
    public static async Task<string> ScrapeAsync(ProductProcess product)
    {
        ArgumentNullException.ThrowIfNull(product);
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { Timeout = TimeSpan.FromSeconds(5) };
        return await http.GetStringAsync(new Uri(product.BaseUri, "/metrics")).ConfigureAwait(false);
    }

    /// <summary>The sum over the series of <paramref name="name"/> that carry <paramref name="labels"/>; null when
    /// there is none.</summary>
    public static async Task<double?> ReadAsync(ProductProcess product, string name, params (string Name, string Value)[] labels) =>
        MetricsText.Sum(await ScrapeAsync(product).ConfigureAwait(false), name, labels);
}
