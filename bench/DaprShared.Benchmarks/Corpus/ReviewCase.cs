using DaprShared.Core.Injection;

namespace DaprShared.Benchmarks.Corpus;

/// <summary>One request body to benchmark, with the outcome it must produce (checked before measuring, so a
/// benchmark can never silently time the wrong path). <paramref name="Expected"/> is null for a new capture with no
/// recorded expectation.</summary>
public sealed record ReviewCase(string Name, byte[] Body, bool NamespaceOptedIn, InjectionOutcome? Expected)
{
    public override string ToString() => Name;
}
