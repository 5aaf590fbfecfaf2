using BenchmarkDotNet.Attributes;
using DaprShared.Benchmarks.Corpus;
using DaprShared.Core.Admission;
using DaprShared.Core.Contract;

namespace DaprShared.Benchmarks;

/// <summary>The decision + patch core on whole AdmissionReview bodies, as the host calls it: bytes in, response
/// bytes out into a reused pooled buffer (the host keeps one per request; reusing it here means only what the core
/// itself allocates is counted).
/// Not sealed: BenchmarkDotNet generates a class derived from it.</summary>
[MemoryDiagnoser]
public class AdmissionBenchmarks
{
    private static readonly ClusterSettings Settings = new();
    private static readonly Lazy<IReadOnlyDictionary<string, ReviewCase>> Cases =
        new(() => ReviewCases.All().ToDictionary(c => c.Name, StringComparer.Ordinal));

    private ReviewCase review = null!;
    private PooledBufferWriter output = null!;

    [ParamsSource(nameof(CaseNames))]
    public string Case { get; set; } = "";

    public static IEnumerable<string> CaseNames() => Cases.Value.Keys;

    public static int BodyBytes(string name) => Cases.Value[name].Body.Length;

    [GlobalSetup]
    public void Setup()
    {
        review = Cases.Value[Case];
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
