using DaprShared.Core.Contract;
using DaprShared.Core.Instances;

namespace DaprShared.Core.Tests.Instances;

public sealed class PodAnnotationReaderTests
{
    private static readonly ClusterSettings Cluster = InstanceFixtures.Cluster();

    [Fact]
    public void Read_OnlyAppId_GivesAppIdAndTheDefaultStrategyOnly()
    {
        var reading = PodAnnotationReader.Read(Annotations((DaprSharedKeys.AppId, "orders")), Cluster);

        reading.Problems.Should().BeEmpty();
        reading.AppId.Should().Be("orders");
        reading.Spec.Should().BeEquivalentTo(new DaprSharedInstanceSpec { AppId = "orders", Strategy = "daemonset" });
    }

    [Fact]
    public void Read_EveryAnnotation_FillsEveryField()
    {
        var reading = PodAnnotationReader.Read(Annotations(
            (DaprSharedKeys.AppId, "orders"),
            (DaprSharedKeys.Strategy, "Deployment"),
            (DaprSharedKeys.AppPort, "8080"),
            (DaprSharedKeys.AppChannelAddress, "orders-api.shop.svc.cluster.local"),
            (DaprSharedKeys.AppProtocol, "GRPC"),
            (DaprSharedKeys.Config, "tracing"),
            (DaprSharedKeys.LogLevel, "Debug"),
            (InstanceSettings.LogAsJson.Annotation, "False"),
            (DaprSharedKeys.Replicas, "3")), Cluster);

        reading.Problems.Should().BeEmpty();
        reading.Spec.Should().BeEquivalentTo(new DaprSharedInstanceSpec
        {
            AppId = "orders",
            Strategy = "deployment",
            AppPort = 8080,
            AppChannelAddress = "orders-api.shop.svc.cluster.local",
            AppProtocol = "grpc",
            Config = "tracing",
            LogLevel = "debug",
            LogAsJson = false,
            Replicas = 3,
        });
    }

    [Fact]
    public void Read_NoOwnAppId_FallsBackToDaprAppId()
    {
        PodAnnotationReader.Read(Annotations((DaprSharedKeys.DaprAppId, "legacy")), Cluster).AppId.Should().Be("legacy");
    }

    [Fact]
    public void Read_BothAppIds_PrefersOwnKey()
    {
        PodAnnotationReader.Read(Annotations((DaprSharedKeys.DaprAppId, "legacy"), (DaprSharedKeys.AppId, "mine")), Cluster)
            .Spec!.AppId.Should().Be("mine");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Read_NoAppId_IsFatal(string? value)
    {
        var annotations = value is null ? null : Annotations((DaprSharedKeys.AppId, value));

        var reading = PodAnnotationReader.Read(annotations, Cluster);

        reading.Spec.Should().BeNull();
        reading.AppId.Should().BeNull();
        reading.Problems.Should().ContainSingle(p => p.Fatal && p.Field == DaprSharedKeys.AppId);
    }

    [Theory]
    [InlineData("Orders")]
    [InlineData("my.app")]
    [InlineData("this-app-id-is-far-too-long-for-every-derived-name-to-fit")]
    public void Read_InvalidAppId_IsFatal(string appId)
    {
        var reading = PodAnnotationReader.Read(Annotations((DaprSharedKeys.AppId, appId)), Cluster);

        reading.Spec.Should().BeNull();
        reading.AppId.Should().Be(appId);
        reading.Problems.Should().ContainSingle(p => p.Fatal);
    }

    [Fact]
    public void Read_NoStrategy_UsesTheConfiguredDefault()
    {
        var cluster = InstanceFixtures.Cluster(defaultStrategy: SharedStrategy.Deployment);

        PodAnnotationReader.Read(Annotations((DaprSharedKeys.AppId, "orders")), cluster).Spec!.Strategy.Should().Be("deployment");
    }

    [Theory]
    [InlineData(DaprSharedKeys.Strategy, "statefulset")]
    [InlineData(DaprSharedKeys.AppPort, "http")]
    [InlineData(DaprSharedKeys.AppPort, "0")]
    [InlineData(DaprSharedKeys.AppPort, "65536")]
    [InlineData(DaprSharedKeys.AppPort, " 80")]
    [InlineData(DaprSharedKeys.AppPort, "-1")]
    [InlineData(DaprSharedKeys.AppChannelAddress, "http://orders:8080")]
    [InlineData(DaprSharedKeys.AppProtocol, "tcp")]
    [InlineData(DaprSharedKeys.Config, "My Config")]
    [InlineData(DaprSharedKeys.Config, "tracing\n")] // a YAML block scalar's newline: the API server would refuse the instance
    [InlineData(DaprSharedKeys.AppChannelAddress, "orders.shop.svc\n")]
    [InlineData(DaprSharedKeys.LogLevel, "trace")]
    [InlineData(DaprSharedKeys.Replicas, "0")]
    [InlineData(DaprSharedKeys.Replicas, "101")]
    [InlineData(DaprSharedKeys.Replicas, "two")]
    public void Read_InvalidValue_IsLeftOutAndListed(string key, string value)
    {
        var reading = PodAnnotationReader.Read(Annotations(
            (DaprSharedKeys.AppId, "orders"), (DaprSharedKeys.Strategy, key == DaprSharedKeys.Strategy ? value : "deployment"),
            (DaprSharedKeys.AppPort, key == DaprSharedKeys.AppPort ? value : "8080"), (key, value)), Cluster);

        var problem = reading.Problems.Should().ContainSingle().Subject;
        problem.Field.Should().Be(key);
        problem.Fatal.Should().BeFalse();
        problem.Message.Should().Contain(value.Trim());
        var spec = reading.Spec!;
        switch (key)
        {
            case DaprSharedKeys.Strategy: spec.Strategy.Should().Be("daemonset"); break;
            case DaprSharedKeys.AppPort: spec.AppPort.Should().BeNull(); break;
            case DaprSharedKeys.AppChannelAddress: spec.AppChannelAddress.Should().BeNull(); break;
            case DaprSharedKeys.AppProtocol: spec.AppProtocol.Should().BeNull(); break;
            case DaprSharedKeys.Config: spec.Config.Should().BeNull(); break;
            case DaprSharedKeys.LogLevel: spec.LogLevel.Should().BeNull(); break;
            case DaprSharedKeys.Replicas: spec.Replicas.Should().BeNull(); break;
        }
    }

    [Fact]
    public void Read_ReplicasWithDaemonSet_IsIgnoredAndListed()
    {
        var reading = PodAnnotationReader.Read(Annotations((DaprSharedKeys.AppId, "orders"), (DaprSharedKeys.Replicas, "3")), Cluster);

        reading.Spec!.Replicas.Should().BeNull();
        reading.Problems.Should().ContainSingle().Which.Field.Should().Be(DaprSharedKeys.Replicas);
    }

    [Fact]
    public void Read_ChannelAddressWithoutPort_IsIgnoredAndListed()
    {
        var reading = PodAnnotationReader.Read(Annotations((DaprSharedKeys.AppId, "orders"), (DaprSharedKeys.AppChannelAddress, "orders-api")), Cluster);

        reading.Spec!.AppChannelAddress.Should().BeNull();
        reading.Problems.Should().ContainSingle().Which.Field.Should().Be(DaprSharedKeys.AppChannelAddress);
    }

    [Fact]
    public void Read_ResultResolves_AndBuilds()
    {
        var reading = PodAnnotationReader.Read(Annotations((DaprSharedKeys.AppId, "orders"), (DaprSharedKeys.AppPort, "8080")), Cluster);
        var instance = PodAnnotationReader.NewInstance("shop", reading.Spec!);
        instance.Metadata.Uid = "uid-1";

        var result = DesiredStateBuilder.Build(instance, Cluster, new ControllerSettings());

        instance.Metadata.Name.Should().Be("orders");
        instance.Metadata.NamespaceProperty.Should().Be("shop");
        instance.Metadata.Labels.Should().Contain(DaprSharedKeys.ManagedByLabel, DaprSharedKeys.ManagedByValue);
        result.Problems.Should().BeEmpty();
        result.State!.Spec.AppChannelAddress.Should().Be("orders.shop.svc.cluster.local");
    }

    private static Dictionary<string, string> Annotations(params (string Key, string Value)[] pairs)
    {
        var result = new Dictionary<string, string>();
        foreach (var (key, value) in pairs)
        {
            result[key] = value;
        }

        return result;
    }
}
