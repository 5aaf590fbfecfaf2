using System.Globalization;

namespace DaprShared.AotSmoke;

/// <summary>Reads one sample out of Prometheus' text exposition format.</summary>
internal static class MetricsText
{
    /// <summary>The value of the first sample of <paramref name="name"/> whose labels include every one of
    /// <paramref name="labels"/> (written <c>key="value"</c>); null when there is none.</summary>
    public static double? Value(string text, string name, params string[] labels)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length == name.Length || (line[name.Length] != ' ' && line[name.Length] != '{'))
            {
                continue;
            }

            if (labels.All(label => line.Contains(label, StringComparison.Ordinal))
                && double.TryParse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return null;
    }
}
