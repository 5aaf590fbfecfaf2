using System.Globalization;

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

    /// <summary>The sample of <paramref name="name"/> whose labels include <paramref name="labels"/> (summed when
    /// several match); null when there is none.</summary>
    public static double? Value(string exposition, string name, params (string Name, string Value)[] labels)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        double? sum = null;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[name.Length..];
            var labelText = "";
            if (rest.StartsWith('{'))
            {
                var close = rest.IndexOf('}', StringComparison.Ordinal);
                labelText = rest[1..close];
                rest = rest[(close + 1)..];
            }
            else if (!rest.StartsWith(' '))
            {
                continue; // another metric whose name starts with this one
            }

            if (labels.All(l => labelText.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                sum = (sum ?? 0) + double.Parse(rest.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    public static async Task<double?> ReadAsync(ProductProcess product, string name, params (string Name, string Value)[] labels) =>
        Value(await ScrapeAsync(product).ConfigureAwait(false), name, labels);
}
