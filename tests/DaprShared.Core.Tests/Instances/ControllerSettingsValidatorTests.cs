using DaprShared.Core.Instances;
using k8s.Models;

namespace DaprShared.Core.Tests.Instances;

public sealed class ControllerSettingsValidatorTests
{
    [Fact]
    public void Validate_Defaults_AreValid()
    {
        ControllerSettingsValidator.Validate(new ControllerSettings()).Should().BeEmpty();
    }

    [Fact]
    public void Validate_EveryKnobSetWell_IsValid()
    {
        var settings = InstanceFixtures.CustomController();
        settings.ControlPlaneAddress = "dapr-api.dapr-cp.svc.cluster.local:443";
        settings.PlacementAddress = "p-0.example:50005, p-1.example:50005";
        settings.SchedulerAddress = "[fd00::1]:50006";
        settings.Tolerations.Add(new TolerationSettings { Key = "spot", Operator = "Equal", Value = "true", Effect = "NoExecute", TolerationSeconds = 30 });

        ControllerSettingsValidator.Validate(settings).Should().BeEmpty();
    }

    public static TheoryData<string, Action<ControllerSettings>> Broken => new()
    {
        { "DaprdImage", s => s.DaprdImage = "" },
        { "DaprdImage", s => s.DaprdImage = "ghcr.io/dapr/daprd 1.16" },
        { "ImagePullPolicy", s => s.ImagePullPolicy = "always" },
        { "ImagePullSecrets:0", s => s.ImagePullSecrets = ["Bad_Name"] },
        { "ControlPlaneNamespace", s => s.ControlPlaneNamespace = "Dapr_System" },
        { "ControlPlaneNamespace", s => s.ControlPlaneNamespace = "" },
        { "TrustDomain", s => s.TrustDomain = "spiffe://x" },
        { "ControlPlaneAddress", s => s.ControlPlaneAddress = "dapr-api" },
        { "ControlPlaneAddress", s => s.ControlPlaneAddress = "a:1,b:2" },
        { "SentryAddress", s => s.SentryAddress = "sentry:99999" },
        { "PlacementAddress", s => s.PlacementAddress = "p:50005,,q:1" },
        { "SchedulerAddress", s => s.SchedulerAddress = "http://s:50006" },
        { "SchedulerReplicas", s => s.SchedulerReplicas = 0 },
        { "Resources:CpuRequest", s => s.Resources.CpuRequest = "a lot" },
        { "Resources:MemoryLimit", s => s.Resources.MemoryLimit = "12XB" },
        { "Tolerations:0:Operator", s => s.Tolerations = [new TolerationSettings { Key = "k", Operator = "In" }] },
        { "Tolerations:0:Effect", s => s.Tolerations = [new TolerationSettings { Key = "k", Effect = "Evict" }] },
        { "Tolerations:0:Value", s => s.Tolerations = [new TolerationSettings { Key = "k", Operator = "Exists", Value = "v" }] },
        { "Tolerations:0:Key", s => s.Tolerations = [new TolerationSettings { Value = "v" }] },
        { "Tolerations:0:TolerationSeconds", s => s.Tolerations = [new TolerationSettings { Key = "k", Effect = "NoSchedule", TolerationSeconds = 5 }] },
        { "NodeSelector:bad key!", s => s.NodeSelector["bad key!"] = "x" },
        { "PriorityClassName", s => s.PriorityClassName = "High Priority" },
        { "PdbMinAvailable", s => s.PdbMinAvailable = "1" },
        { "PdbMaxUnavailable", s => s.PdbMaxUnavailable = "120%" },
        { "PdbMaxUnavailable", s => s.PdbMaxUnavailable = "-1" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Validate_BrokenKey_NamesTheKey(string key, Action<ControllerSettings> breakIt)
    {
        var settings = new ControllerSettings();
        breakIt(settings);

        var failures = ControllerSettingsValidator.Validate(settings);

        failures.Should().NotBeEmpty();
        failures.Should().Contain(f => f.Contains("Controller:" + key, StringComparison.Ordinal) || (key == "PdbMinAvailable" && f.Contains("PdbMinAvailable", StringComparison.Ordinal)));
    }

    [Fact]
    public void Validate_ValidQuantities_BuildTheWorkload()
    {
        // What passes validation must build: the validator and the builder parse quantities the same way.
        var settings = new ControllerSettings { Resources = new DaprdResourceSettings { CpuRequest = "0.5", MemoryRequest = "1G", CpuLimit = "2", MemoryLimit = "1.5Gi" } };

        ControllerSettingsValidator.Validate(settings).Should().BeEmpty();
        InstanceFixtures.Build(InstanceFixtures.Orders(), controller: settings).DaemonSet.Should().NotBeNull();
    }
}
