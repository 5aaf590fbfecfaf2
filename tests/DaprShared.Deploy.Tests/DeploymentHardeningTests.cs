using DaprShared.Deploy.Tests.Support;
using k8s;
using k8s.Models;

namespace DaprShared.Deploy.Tests;

/// <summary>The injector runs under the restricted Pod Security Standard, stays available through node drains
/// and rollouts, and is configured through environment variables (issue 4, DESIGN §5).</summary>
public sealed class DeploymentHardeningTests
{
    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void PodSecurity_Container_MeetsTheRestrictedStandard(ManifestSource source)
    {
        var objects = Rendered.Objects(source);
        var pod = Find.Deployment(objects).Spec.Template.Spec;
        var container = Find.Container(objects);

        pod.SecurityContext.RunAsNonRoot.Should().BeTrue();
        pod.SecurityContext.RunAsUser.Should().BeGreaterThan(0);
        pod.SecurityContext.SeccompProfile.Type.Should().Be("RuntimeDefault");
        pod.HostNetwork.Should().NotBe(true);
        pod.HostPID.Should().NotBe(true);
        pod.HostIPC.Should().NotBe(true);
        (pod.Volumes ?? []).Should().AllSatisfy(v => v.HostPath.Should().BeNull());

        var security = container.SecurityContext;
        security.AllowPrivilegeEscalation.Should().BeFalse();
        security.ReadOnlyRootFilesystem.Should().BeTrue();
        security.RunAsNonRoot.Should().BeTrue();
        security.Privileged.Should().NotBe(true);
        security.Capabilities.Drop.Should().Equal("ALL");
        security.Capabilities.Add.Should().BeNullOrEmpty();
        security.SeccompProfile.Type.Should().Be("RuntimeDefault");
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void Tmp_ReadOnlyRootFilesystem_WritableEmptyDir(ManifestSource source)
    {
        var objects = Rendered.Objects(source);
        var mount = Find.Container(objects).VolumeMounts.Should().ContainSingle(m => m.MountPath == "/tmp").Subject;

        Find.Deployment(objects).Spec.Template.Spec.Volumes.Should().ContainSingle(v => v.Name == mount.Name)
            .Which.EmptyDir.Should().NotBeNull();
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void Availability_Default_TwoReplicasSpreadAcrossNodesWithDisruptionBudget(ManifestSource source)
    {
        var objects = Rendered.Objects(source);
        var deployment = Find.Deployment(objects);
        var podLabels = deployment.Spec.Template.Metadata.Labels;

        deployment.Spec.Replicas.Should().BeGreaterThanOrEqualTo(2);
        deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value.Should().Be("0");
        deployment.Spec.Template.Spec.TopologySpreadConstraints.Should().Contain(c => c.TopologyKey == "kubernetes.io/hostname")
            .Which.LabelSelector.MatchLabels.Should().BeSubsetOf(podLabels);

        var budget = objects.OfType<V1PodDisruptionBudget>().Should().ContainSingle().Subject;
        budget.Metadata.NamespaceProperty.Should().Be(deployment.Metadata.NamespaceProperty);
        budget.Spec.Selector.MatchLabels.Should().BeSubsetOf(podLabels);
        (budget.Spec.MaxUnavailable?.Value ?? budget.Spec.MinAvailable?.Value).Should().Be("1");
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void Probes_HealthAndReadiness_OverHttpsOnTheServingPort(ManifestSource source)
    {
        var container = Find.Container(Rendered.Objects(source));

        AssertHttpsGet(container.LivenessProbe, "/healthz");
        AssertHttpsGet(container.StartupProbe, "/healthz");
        AssertHttpsGet(container.ReadinessProbe, "/readyz");
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void Resources_Container_RequestsAndMemoryLimit(ManifestSource source)
    {
        var resources = Find.Container(Rendered.Objects(source)).Resources;

        resources.Requests.Should().ContainKeys("cpu", "memory");
        resources.Limits.Should().ContainKey("memory");
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void Configuration_Container_ThroughEnvironmentVariables(ManifestSource source)
    {
        var container = Find.Container(Rendered.Objects(source));

        container.Args.Should().StartWith("serve");
        Find.Env(container, "Injector__ClusterDomain").Should().Be("cluster.local");
        Find.Env(container, "Injector__DefaultStrategy").Should().Be("DaemonSet");
        Find.Env(container, "Injector__ApiTokens").Should().Be("true");
        Find.Env(container, "Controller__DaprdImage").Should().NotBeNullOrEmpty();
        Find.Env(container, "Controller__ControlPlaneNamespace").Should().Be("dapr-system");
        container.Env.Should().ContainSingle(e => e.Name == "POD_NAMESPACE")
            .Which.ValueFrom.FieldRef.FieldPath.Should().Be("metadata.namespace");
        container.Env.Select(e => e.Name).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData(ManifestSource.InstallYaml)]
    [InlineData(ManifestSource.Kustomize)]
    public void Namespace_Manifests_EnforcesTheRestrictedStandard(ManifestSource source)
    {
        var ns = Rendered.Objects(source).OfType<V1Namespace>().Should().ContainSingle().Subject;

        ns.Metadata.Name.Should().Be(Rendered.Namespace);
        ns.Metadata.Labels.Should().Contain("pod-security.kubernetes.io/enforce", "restricted");
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void Namespaces_EveryNamespacedObject_InTheInjectorsNamespace(ManifestSource source)
    {
        var namespaced = Rendered.Objects(source).Cast<IKubernetesObject<V1ObjectMeta>>()
            .Where(o => o is not (V1Namespace or V1ClusterRole or V1ClusterRoleBinding or V1CustomResourceDefinition
                or V1MutatingWebhookConfiguration));

        namespaced.Should().AllSatisfy(o => o.Metadata.NamespaceProperty.Should().Be(Rendered.Namespace, $"{o.Kind} {o.Metadata.Name}"));
    }

    private static void AssertHttpsGet(V1Probe? probe, string path)
    {
        probe.Should().NotBeNull();
        probe!.HttpGet.Path.Should().Be(path);
        probe.HttpGet.Scheme.Should().Be("HTTPS");
        probe.HttpGet.Port.Value.Should().BeOneOf("https", "8443");
    }
}
