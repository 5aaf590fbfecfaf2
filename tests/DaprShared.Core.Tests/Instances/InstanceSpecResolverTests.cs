using DaprShared.Core.Contract;
using DaprShared.Core.Instances;

namespace DaprShared.Core.Tests.Instances;

public sealed class InstanceSpecResolverTests
{
    [Fact]
    public void Resolve_MinimalSpec_AppliesEveryDefault()
    {
        var resolution = InstanceSpecResolver.Resolve(InstanceFixtures.Orders(), InstanceFixtures.Cluster());

        resolution.Problems.Should().BeEmpty();
        resolution.Spec.Should().BeEquivalentTo(new ResolvedInstanceSpec
        {
            Namespace = "shop",
            AppId = "orders",
            Strategy = SharedStrategy.DaemonSet,
            AppProtocol = "http",
            Options = new Dictionary<InstanceSetting, string> { [InstanceSettings.LogLevel] = "info" },
            Replicas = 1,
        });
    }

    [Fact]
    public void Resolve_PortWithoutAddress_DerivesTheAppServiceHost()
    {
        var cluster = InstanceFixtures.Cluster() with { ClusterDomain = "corp.internal" };

        var spec = InstanceSpecResolver.Resolve(InstanceFixtures.Instance("orders", s => s.AppPort = 80), cluster).Spec!;

        spec.AppChannelAddress.Should().Be("orders.shop.svc.corp.internal");
    }

    [Fact]
    public void Resolve_AddressWithoutPort_DropsTheAddress()
    {
        var spec = InstanceSpecResolver.Resolve(InstanceFixtures.Instance("orders", s => s.AppChannelAddress = "orders-api"), InstanceFixtures.Cluster()).Spec!;

        spec.AppChannelAddress.Should().BeNull();
    }

    [Fact]
    public void Resolve_UppercaseStrategy_IsFatalBecauseTheCrdIsLowercase()
    {
        var resolution = InstanceSpecResolver.Resolve(InstanceFixtures.Instance("orders", s => s.Strategy = "Deployment"), InstanceFixtures.Cluster());

        resolution.IsValid.Should().BeFalse();
    }

    [Fact]
    public void Resolve_NoNamespace_IsFatal()
    {
        var instance = InstanceFixtures.Orders();
        instance.Metadata.NamespaceProperty = null;

        InstanceSpecResolver.Resolve(instance, InstanceFixtures.Cluster()).Problems.Should().Contain(p => p.Fatal && p.Field == "metadata.namespace");
    }

    [Fact]
    public void EndpointsFor_EachStrategy_PointsAtTheServiceTheWebhookUses()
    {
        var cluster = InstanceFixtures.Cluster();
        foreach (var strategy in new[] { SharedStrategy.DaemonSet, SharedStrategy.Deployment })
        {
            var spec = new ResolvedInstanceSpec { Namespace = "shop", AppId = "orders", Strategy = strategy, AppProtocol = "http", Options = new Dictionary<InstanceSetting, string>(), Replicas = 1 };
            var service = SharedObjectNames.EndpointService("orders", strategy);

            var endpoints = DesiredStateBuilder.EndpointsFor(spec, cluster);

            endpoints.Http.Should().Be($"http://{service}.shop.svc.cluster.local:3500");
            endpoints.Grpc.Should().Be($"http://{service}.shop.svc.cluster.local:50001");
        }
    }
}
