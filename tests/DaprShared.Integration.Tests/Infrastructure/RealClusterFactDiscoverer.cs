using DaprShared.Integration.Tests.ControlPlane;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>Discovers <see cref="RealClusterFactAttribute"/> tests as ordinary facts when the control-plane binaries
/// exist, and not at all when they do not.</summary>
public sealed class RealClusterFactDiscoverer : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer facts;

    public RealClusterFactDiscoverer(IMessageSink diagnosticMessageSink) => facts = new FactDiscoverer(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        KubeAssets.Available ? facts.Discover(discoveryOptions, testMethod, factAttribute) : [];
}
