namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>Every real-cluster test shares one control plane and runs one after another: cluster-scoped objects (the
/// CRD, the webhook configuration, Nodes) are shared, and two cores cannot run two API servers' worth of tests at
/// once any faster.</summary>
[CollectionDefinition(Name)]
public sealed class RealClusterCollection : ICollectionFixture<RealCluster>
{
    public const string Name = "real control plane";
}
