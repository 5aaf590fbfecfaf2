namespace DaprShared.Webhook.Admission;

/// <summary>Configuration section <c>Benchmark</c>: switches that exist only to measure the server.</summary>
public sealed class BenchmarkOptions
{
    public const string SectionName = "Benchmark";

    /// <summary>Maps <c>POST /noop</c> (command line <c>--benchmark-noop</c>): the guarded transport with a fixed
    /// answer, the ceiling the real endpoint is measured against. Never on in a cluster.</summary>
    public bool NoopEndpoint { get; set; }
}
