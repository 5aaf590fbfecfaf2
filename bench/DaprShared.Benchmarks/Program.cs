using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using DaprShared.Benchmarks;

// "bodies DIR" writes the wire-form request bodies for the HTTP harness (bench/run.sh), so that the micro
// benchmarks and the HTTP load use exactly the same inputs. Anything else goes to BenchmarkDotNet.
if (args is ["bodies", var directory])
{
    BodyExport.WriteAll(directory);
    return 0;
}

var config = DefaultConfig.Instance
    .AddColumn(new BodySizeColumn())
    .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(AdmissionBenchmarks).Assembly).Run(args, config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
