using DaprShared.Controller.Reconciliation;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using k8s.Models;

namespace DaprShared.Controller.Tests.Reconciliation;

public sealed class StatusBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    [Fact]
    public void Build_Available_ReadyTrueWithEndpointsAndObservedGeneration()
    {
        var instance = Instance();
        var status = StatusBuilder.Build(instance, Build(instance), new WorkloadAvailability(true, true, false, "2/2 daprd pods available"), [], false, T0);

        status.ObservedGeneration.Should().Be(3);
        status.Strategy.Should().Be("daemonset");
        status.Endpoints!.Http.Should().Be("http://orders-dapr-local.shop.svc.cluster.local:3500");
        var ready = status.Conditions!.Single(c => c.Type == InstanceConditions.Ready);
        ready.Status.Should().Be("True");
        ready.Reason.Should().Be(InstanceConditions.ReasonAvailable);
        ready.LastTransitionTime.Should().Be(new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), "condition times have second precision, like the API server's");
        status.Conditions!.Single(c => c.Type == InstanceConditions.Conflict).Status.Should().Be("False");
    }

    [Fact]
    public void Build_Unchanged_SameObjectSoNoWrite()
    {
        var instance = Instance();
        var workload = new WorkloadAvailability(true, false, false, "0/2 daprd pods available");
        instance.Status = StatusBuilder.Build(instance, Build(instance), workload, [], false, T0);

        var later = StatusBuilder.Build(instance, Build(instance), workload, [], false, T0.AddMinutes(5));

        k8s.KubernetesJson.Serialize(later).Should().Be(k8s.KubernetesJson.Serialize(instance.Status));
    }

    [Fact]
    public void Build_ConditionFlips_TransitionTimeMovesOnlyForIt()
    {
        var instance = Instance();
        instance.Status = StatusBuilder.Build(instance, Build(instance), new WorkloadAvailability(true, false, false, "0/2"), [], false, T0);

        var later = StatusBuilder.Build(instance, Build(instance), new WorkloadAvailability(true, true, false, "2/2"), [], false, T0.AddMinutes(5));

        later.Conditions!.Single(c => c.Type == InstanceConditions.Ready).LastTransitionTime.Should().Be(T0.AddMinutes(5).UtcDateTime.AddTicks(-T0.UtcDateTime.Ticks % TimeSpan.TicksPerSecond));
        later.Conditions!.Single(c => c.Type == InstanceConditions.Conflict).LastTransitionTime.Should().Be(instance.Status.Conditions!.Single(c => c.Type == InstanceConditions.Conflict).LastTransitionTime);
    }

    [Fact]
    public void Build_Conflicts_ConflictTrueNamingTheObjects()
    {
        var instance = Instance();
        var status = StatusBuilder.Build(instance, Build(instance), WorkloadAvailability.Missing, ["Service orders-dapr"], false, T0);

        var conflict = status.Conditions!.Single(c => c.Type == InstanceConditions.Conflict);
        conflict.Status.Should().Be("True");
        conflict.Reason.Should().Be(InstanceConditions.ReasonUnmanagedObject);
        conflict.Message.Should().StartWith("Service orders-dapr");
    }

    [Fact]
    public void Build_InvalidSpec_ReadyFalseWithTheProblemAndNoEndpoints()
    {
        var instance = Instance();
        instance.Spec.Strategy = "sometimes";
        var status = StatusBuilder.Build(instance, Build(instance), WorkloadAvailability.Missing, [], false, T0);

        var ready = status.Conditions!.Single(c => c.Type == InstanceConditions.Ready);
        ready.Reason.Should().Be(InstanceConditions.ReasonInvalidSpec);
        ready.Message.Should().Contain("spec.strategy");
        status.Endpoints.Should().BeNull();
        status.Strategy.Should().BeNull();
    }

    [Fact]
    public void Build_TrustAnchorsMissing_ReadyReasonSaysSo()
    {
        var instance = Instance();
        var status = StatusBuilder.Build(instance, Build(instance), new WorkloadAvailability(true, false, false, "0/2 daprd pods available"), [], true, T0);

        var ready = status.Conditions!.Single(c => c.Type == InstanceConditions.Ready);
        ready.Reason.Should().Be(InstanceConditions.ReasonTrustAnchorsMissing);
        ready.Message.Should().Contain("dapr-trust-bundle");
    }

    [Fact]
    public void WorkloadAvailability_DaemonSet_ComparesAvailableWithDesiredAtTheCurrentGeneration()
    {
        V1DaemonSet Ds(long generation, long observed, int desired, int available) => new()
        {
            Metadata = new V1ObjectMeta { Generation = generation },
            Status = new V1DaemonSetStatus { ObservedGeneration = observed, DesiredNumberScheduled = desired, NumberAvailable = available },
        };

        WorkloadAvailability.Of((V1DaemonSet?)null).Exists.Should().BeFalse();
        WorkloadAvailability.Of(Ds(2, 2, 3, 3)).Available.Should().BeTrue();
        WorkloadAvailability.Of(Ds(2, 2, 3, 2)).Available.Should().BeFalse();
        WorkloadAvailability.Of(Ds(2, 2, 3, 2)).Message.Should().Be("2/3 daprd pods available");
        WorkloadAvailability.Of(Ds(3, 2, 3, 3)).Should().Match<WorkloadAvailability>(w => !w.Available && w.Progressing);
        WorkloadAvailability.Of(Ds(2, 2, 0, 0)).Available.Should().BeFalse("no node runs daprd");
    }

    [Fact]
    public void WorkloadAvailability_Deployment_ComparesAvailableReplicasWithSpec()
    {
        V1Deployment Deploy(int replicas, int available) => new()
        {
            Metadata = new V1ObjectMeta { Generation = 1 },
            Spec = new V1DeploymentSpec { Replicas = replicas },
            Status = new V1DeploymentStatus { ObservedGeneration = 1, AvailableReplicas = available },
        };

        WorkloadAvailability.Of(Deploy(2, 2)).Available.Should().BeTrue();
        WorkloadAvailability.Of(Deploy(2, 1)).Available.Should().BeFalse();
        WorkloadAvailability.Of(new V1Deployment { Metadata = new V1ObjectMeta { Generation = 1 }, Spec = new V1DeploymentSpec { Replicas = 1 } }).Progressing.Should().BeTrue();
    }

    private static DaprSharedInstance Instance() => new()
    {
        Metadata = new V1ObjectMeta { Name = "orders", NamespaceProperty = "shop", Uid = "uid-1", Generation = 3 },
        Spec = new DaprSharedInstanceSpec { AppId = "orders" },
    };

    private static DesiredStateResult Build(DaprSharedInstance instance) =>
        DesiredStateBuilder.Build(instance, new ClusterSettings(), new ControllerSettings());
}
