namespace DaprShared.Controller.Tests.Support;

/// <summary>Tests that run controllers with real timers (leases of two seconds) share this collection and run one
/// after another: on a two-core machine, many at once would starve each other's lease renewals.</summary>
[CollectionDefinition(Name)]
public sealed class ControllerCollection
{
    public const string Name = "controllers";
}
