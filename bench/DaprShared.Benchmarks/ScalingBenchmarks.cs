using BenchmarkDotNet.Attributes;
using DaprShared.Benchmarks.Corpus;
using DaprShared.Core.Admission;
using DaprShared.Core.Contract;

namespace DaprShared.Benchmarks;

/// <summary>The same pod at growing sizes (10 containers, more and more variables each). Time should grow
/// linearly with the pod; allocated bytes should stay flat, since what the webhook adds does not change.
/// Not sealed: BenchmarkDotNet generates a class derived from it.</summary>
[MemoryDiagnoser]
public class ScalingBenchmarks
{
    private static readonly ClusterSettings Settings = new();

    private ReviewCase review = null!;
    private PooledBufferWriter output = null!;

    [Params(10, 100, 1000, 3000)]
    public int EnvPerContainer { get; set; }

    [Params(true, false)]
    public bool OptedIn { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        review = ReviewCases.Large(OptedIn, EnvPerContainer);
        CaseCheck.Verify(review, Settings);
        output = new PooledBufferWriter(64 * 1024);
    }

    [GlobalCleanup]
    public void Cleanup() => output.Dispose();

    [Benchmark]
    public AdmissionReviewResult Handle()
    {
        output.Clear();
        return AdmissionReviewHandler.Handle(review.Body, review.NamespaceOptedIn, Settings, output);
    }
}
