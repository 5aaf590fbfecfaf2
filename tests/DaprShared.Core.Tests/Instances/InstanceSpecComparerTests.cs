using DaprShared.Core.Contract;
using DaprShared.Core.Instances;

namespace DaprShared.Core.Tests.Instances;

public sealed class InstanceSpecComparerTests
{
    private static readonly ClusterSettings Cluster = InstanceFixtures.Cluster();

    private static DaprSharedInstance Existing() => InstanceFixtures.Instance("orders", s =>
    {
        s.Strategy = "deployment";
        s.AppPort = 8080;
        s.AppProtocol = "grpc";
        s.Config = "tracing";
        s.LogLevel = "debug";
        s.Replicas = 2;
    });

    [Fact]
    public void Disagreements_PodThatAgrees_IsEmpty()
    {
        var pod = Pod(
            (DaprSharedKeys.Strategy, "deployment"),
            (DaprSharedKeys.AppPort, "8080"),
            (DaprSharedKeys.AppChannelAddress, "orders.shop.svc.cluster.local"),
            (DaprSharedKeys.AppProtocol, "GRPC"),
            (DaprSharedKeys.Config, "tracing"),
            (DaprSharedKeys.LogLevel, "debug"),
            (DaprSharedKeys.Replicas, "2"));

        InstanceSpecComparer.Disagreements(pod, Existing(), Cluster).Should().BeEmpty();
    }

    [Fact]
    public void Disagreements_PodWithOnlyTheSameStrategy_IsEmpty()
    {
        InstanceSpecComparer.Disagreements(Pod((DaprSharedKeys.Injected, "deployment")), Existing(), Cluster).Should().BeEmpty();
    }

    [Theory]
    [InlineData(DaprSharedKeys.AppPort, "9090", "'9090'", "'8080'")]
    [InlineData(DaprSharedKeys.AppChannelAddress, "orders-api", "'orders-api'", "'orders.shop.svc.cluster.local'")]
    [InlineData(DaprSharedKeys.AppProtocol, "http", "'http'", "'grpc'")]
    [InlineData(DaprSharedKeys.Config, "other", "'other'", "'tracing'")]
    [InlineData(DaprSharedKeys.LogLevel, "INFO", "'info'", "'debug'")]
    [InlineData(DaprSharedKeys.Replicas, "5", "'5'", "'2'")]
    public void Disagreements_OneDifferentAnnotation_IsReportedWithBothValues(string key, string podValue, string podShown, string instanceShown)
    {
        var disagreements = InstanceSpecComparer.Disagreements(Pod((DaprSharedKeys.Strategy, "deployment"), (key, podValue)), Existing(), Cluster);

        var line = disagreements.Should().ContainSingle().Subject;
        line.Should().StartWith(key + ":").And.Contain(podShown).And.Contain(instanceShown);
    }

    [Theory]
    [InlineData(DaprSharedKeys.AppPort, "eighty")]
    [InlineData(DaprSharedKeys.AppChannelAddress, "http://x")]
    [InlineData(DaprSharedKeys.AppProtocol, "tcp")]
    [InlineData(DaprSharedKeys.Config, "Bad Name")]
    [InlineData(DaprSharedKeys.LogLevel, "loud")]
    [InlineData(DaprSharedKeys.Replicas, "-1")]
    public void Disagreements_InvalidAnnotation_IsReportedAsInvalid(string key, string podValue)
    {
        var disagreements = InstanceSpecComparer.Disagreements(Pod((DaprSharedKeys.Strategy, "deployment"), (key, podValue)), Existing(), Cluster);

        disagreements.Should().ContainSingle().Which.Should().StartWith(key + ":").And.Contain("invalid");
    }

    [Fact]
    public void Disagreements_StrategyAnnotationDiffers_IsReported()
    {
        var disagreements = InstanceSpecComparer.Disagreements(Pod((DaprSharedKeys.Strategy, "daemonset")), Existing(), Cluster);

        disagreements.Should().ContainSingle().Which.Should().StartWith("strategy:").And.Contain("daemonset").And.Contain(DaprSharedKeys.Strategy);
    }

    [Fact]
    public void Disagreements_NoStrategyAnywhere_ComparesTheConfiguredDefault()
    {
        var disagreements = InstanceSpecComparer.Disagreements(Pod(), Existing(), Cluster);

        disagreements.Should().ContainSingle().Which.Should().Contain("configured default");
    }

    [Fact]
    public void Disagreements_InjectedAnnotation_WinsOverTheStrategyAnnotation()
    {
        // The pod asked for deployment but the webhook injected daemonset endpoints: what matters is what it got.
        var disagreements = InstanceSpecComparer.Disagreements(
            Pod((DaprSharedKeys.Strategy, "deployment"), (DaprSharedKeys.Injected, "daemonset")), Existing(), Cluster);

        disagreements.Should().ContainSingle().Which.Should().Contain(DaprSharedKeys.Injected);
    }

    [Fact]
    public void Disagreements_PortOnPodButNotOnInstance_SaysUnset()
    {
        var instance = InstanceFixtures.Instance("orders");

        var disagreements = InstanceSpecComparer.Disagreements(Pod((DaprSharedKeys.AppPort, "8080")), instance, Cluster);

        disagreements.Should().ContainSingle().Which.Should().Contain("(unset)");
    }

    [Fact]
    public void Disagreements_ReplicasAgainstDaemonSetInstance_IsNotReported()
    {
        var instance = InstanceFixtures.Instance("orders", s => s.Strategy = "daemonset");

        InstanceSpecComparer.Disagreements(Pod((DaprSharedKeys.Replicas, "3")), instance, Cluster).Should().BeEmpty();
    }

    [Fact]
    public void Disagreements_SeveralDifferences_ComeInAFixedOrder()
    {
        var disagreements = InstanceSpecComparer.Disagreements(
            Pod((DaprSharedKeys.LogLevel, "warn"), (DaprSharedKeys.AppPort, "1"), (DaprSharedKeys.Strategy, "daemonset")), Existing(), Cluster);

        disagreements.Select(d => d.Split(':')[0]).Should().Equal("strategy", DaprSharedKeys.AppPort, DaprSharedKeys.LogLevel);
    }

    [Fact]
    public void Disagreements_InvalidInstance_IsEmpty()
    {
        var instance = InstanceFixtures.Instance("orders", s => s.Strategy = "bogus");

        InstanceSpecComparer.Disagreements(Pod((DaprSharedKeys.AppPort, "1")), instance, Cluster).Should().BeEmpty();
    }

    private static Dictionary<string, string> Pod(params (string Key, string Value)[] pairs)
    {
        var result = new Dictionary<string, string> { [DaprSharedKeys.AppId] = "orders", [DaprSharedKeys.Enabled] = "true" };
        foreach (var (key, value) in pairs)
        {
            result[key] = value;
        }

        return result;
    }
}
