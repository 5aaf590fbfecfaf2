using System.Collections.Concurrent;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using DaprShared.Benchmarks.Corpus;

namespace DaprShared.Benchmarks;

/// <summary>The request body size next to each row, so cost per KiB (linearity) can be read off the table.</summary>
public sealed class BodySizeColumn : IColumn
{
    private static readonly ConcurrentDictionary<string, int> Sizes = new(StringComparer.Ordinal);

    public string Id => nameof(BodySizeColumn);

    public string ColumnName => "Body KiB";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Params;

    public int PriorityInCategory => 100;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Size of the compact AdmissionReview request body";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var parameters = benchmarkCase.Parameters;
        int bytes;
        if (parameters["Case"] is string name)
        {
            bytes = Sizes.GetOrAdd("case:" + name, _ => AdmissionBenchmarks.BodyBytes(name));
        }
        else if (parameters["EnvPerContainer"] is int env && parameters["OptedIn"] is bool optedIn)
        {
            bytes = Sizes.GetOrAdd($"large:{env}:{optedIn}", _ => ReviewCases.Large(optedIn, env).Body.Length);
        }
        else
        {
            return "?";
        }

        return (bytes / 1024.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
