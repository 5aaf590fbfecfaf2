namespace DaprShared.TestData;

/// <summary>One line of Prometheus' text exposition format: a series (name and labels) and its value.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>True when the series carries every one of <paramref name="labels"/> (and maybe more).</summary>
    public bool Has(IEnumerable<(string Label, string Value)> labels) =>
        labels.All(l => Labels.TryGetValue(l.Label, out var value) && value == l.Value);

    /// <summary>True when the series carries exactly <paramref name="labels"/>, no more.</summary>
    public bool HasExactly(IReadOnlyCollection<(string Label, string Value)> labels) =>
        Labels.Count == labels.Count && Has(labels);
}
