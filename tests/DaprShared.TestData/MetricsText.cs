using System.Globalization;
using System.Text;

namespace DaprShared.TestData;

/// <summary>Reads Prometheus' text exposition format (what <c>GET /metrics</c> answers), for the webhook's tests,
/// the real-API-server suite and the AOT smoke. Plain string code: nothing the smoke could not run anywhere.</summary>
public static class MetricsText
{
    /// <summary>Every sample; comments (<c># HELP</c>, <c># TYPE</c>) and blank lines skipped. A line that is not
    /// a sample fails: the exposition is the product's output, and a broken one is a finding.</summary>
    public static IReadOnlyList<MetricSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<MetricSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length > 0 && line[0] != '#')
            {
                samples.Add(ParseSample(line));
            }
        }

        return samples;
    }

    /// <summary>The value of the series <paramref name="name"/> with exactly <paramref name="labels"/>; null when
    /// there is no such series.</summary>
    public static double? Value(string text, string name, params (string Label, string Value)[] labels) =>
        Parse(text).Where(s => s.Name == name && s.HasExactly(labels)).Select(s => (double?)s.Value).FirstOrDefault();

    /// <summary>The sum over the series of <paramref name="name"/> that carry <paramref name="labels"/> (and maybe
    /// more); null when there is none.</summary>
    public static double? Sum(string text, string name, params (string Label, string Value)[] labels)
    {
        var matching = Parse(text).Where(s => s.Name == name && s.Has(labels)).ToList();
        return matching.Count == 0 ? null : matching.Sum(s => s.Value);
    }

    // name{label="value",...} value [timestamp]
    private static MetricSample ParseSample(string line)
    {
        var end = line.IndexOfAny(['{', ' ']);
        if (end <= 0)
        {
            throw Malformed(line);
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = end;
        if (line[position] == '{')
        {
            position = ParseLabels(line, position + 1, labels);
        }

        var fields = line[position..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 1 or > 2)
        {
            throw Malformed(line);
        }

        return new MetricSample(line[..end], labels, ParseValue(fields[0], line));
    }

    /// <summary>Reads <c>label="value"</c> pairs from <paramref name="position"/> through the closing brace;
    /// returns the position after it.</summary>
    private static int ParseLabels(string line, int position, Dictionary<string, string> labels)
    {
        while (position < line.Length && line[position] != '}')
        {
            var equals = line.IndexOf('=', position);
            if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
            {
                throw Malformed(line);
            }

            var name = line[position..equals].Trim();
            var value = new StringBuilder();
            position = equals + 2;
            for (; position < line.Length && line[position] != '"'; position++)
            {
                if (line[position] == '\\' && position + 1 < line.Length)
                {
                    position++;
                    value.Append(line[position] == 'n' ? '\n' : line[position]);
                }
                else
                {
                    value.Append(line[position]);
                }
            }

            if (position >= line.Length)
            {
                throw Malformed(line);
            }

            labels[name] = value.ToString();
            position++; // the closing quote
            if (position < line.Length && line[position] == ',')
            {
                position++;
            }
        }

        if (position >= line.Length)
        {
            throw Malformed(line);
        }

        return position + 1;
    }

    private static double ParseValue(string text, string line) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw Malformed(line),
    };

    private static FormatException Malformed(string line) => new($"not a sample of Prometheus' text format: {line}");
}
