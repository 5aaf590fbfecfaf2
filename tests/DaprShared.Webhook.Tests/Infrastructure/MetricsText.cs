using System.Globalization;

namespace DaprShared.Webhook.Tests.Infrastructure;

/// <summary>Reads one sample out of Prometheus text exposition format.</summary>
internal static class MetricsText
{
    /// <summary>The value of <paramref name="name"/> with exactly these labels, or null when there is no such series.</summary>
    public static double? Value(string text, string name, params (string Label, string Value)[] labels)
    {
        var wanted = labels.Select(l => $"{l.Label}=\"{l.Value}\"").Order(StringComparer.Ordinal).ToArray();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            var series = line[..space];
            var brace = series.IndexOf('{');
            var seriesName = brace < 0 ? series : series[..brace];
            if (seriesName != name)
            {
                continue;
            }

            var seriesLabels = brace < 0
                ? []
                : series[(brace + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
            if (seriesLabels.SequenceEqual(wanted))
            {
                return double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
