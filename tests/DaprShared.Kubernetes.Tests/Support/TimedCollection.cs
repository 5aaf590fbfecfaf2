namespace DaprShared.Kubernetes.Tests.Support;

/// <summary>Tests that run on real timers (leases of about a second) share this collection and run one after another:
/// on a two-core machine, many at once would starve each other's lease renewals.</summary>
[CollectionDefinition(Name)]
public sealed class TimedCollection
{
    public const string Name = "timed";
}
