using DaprShared.Deploy.Tests.Support;
using k8s;
using k8s.Models;

namespace DaprShared.Deploy.Tests;

/// <summary>Every document the product ships loads into the Kubernetes models with strict parsing: a
/// misspelt or misplaced field (which kubectl would reject or, worse, drop) fails here.</summary>
public sealed class LoadingTests
{
    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void Load_EveryDocument_ParsesStrictlyIntoKnownModels(ManifestSource source)
    {
        var objects = Rendered.Objects(source);

        objects.Should().NotBeEmpty();
        objects.Should().AllSatisfy(o => o.Should().BeAssignableTo<IKubernetesObject<V1ObjectMeta>>());
        var kinds = objects.Select(o => ((IKubernetesObject)o).Kind).ToHashSet();
        kinds.Should().Contain(
        [
            "CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
            "Service", "Deployment", "PodDisruptionBudget", "MutatingWebhookConfiguration",
        ]);
    }

    [Fact]
    public void Load_EveryYamlFileUnderDeployOutsideTheChart_ParsesStrictly()
    {
        var files = Directory.GetFiles(RepositoryPaths.Deploy, "*.yaml", SearchOption.AllDirectories)
            .Where(path => !path.StartsWith(Path.Combine(RepositoryPaths.Deploy, "helm") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(path => Path.GetFileName(path) != "kustomization.yaml")
            .ToList();

        files.Should().Contain(path => Path.GetFileName(path) == "deployment.yaml");
        foreach (var file in files)
        {
            var load = () => Rendered.Load(File.ReadAllText(file));
            load.Should().NotThrow($"{Path.GetRelativePath(RepositoryPaths.Root, file)} must load strictly")
                .Which.Should().NotBeEmpty();
        }
    }

    [Theory]
    [InlineData("selfManaged")]
    [InlineData("files")]
    [InlineData("certManager")]
    public void Load_HelmRenderInEveryTlsMode_ParsesStrictly(string mode)
    {
        var yaml = Rendered.HelmTemplate("--set", $"tls.mode={mode}", "--set", "tls.files.caBundle=Y2E=");

        Rendered.Load(yaml).Should().Contain(o => o is V1MutatingWebhookConfiguration);
    }

    [Fact]
    public void Load_HelmRenderWithEveryValueSet_ParsesStrictly()
    {
        var yaml = Rendered.HelmTemplate("-f", Path.Combine(AppContext.BaseDirectory, "testdata", "values-everything.yaml"));

        var objects = Rendered.Load(yaml);

        objects.OfType<V1Namespace>().Should().ContainSingle();
        objects.OfType<V1PodDisruptionBudget>().Should().BeEmpty("podDisruptionBudget.enabled is false there");
    }
}
