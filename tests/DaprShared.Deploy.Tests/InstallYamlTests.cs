using DaprShared.Deploy.Tests.Support;
using DaprShared.TestData.Tools;

namespace DaprShared.Deploy.Tests;

/// <summary>deploy/install.yaml is generated from the kustomize base and must never drift from it.</summary>
public sealed class InstallYamlTests
{
    [Fact]
    public void InstallYaml_ComparedWithKustomizeOutput_IsTheSameTextAfterItsHeader()
    {
        var lines = Rendered.Yaml(ManifestSource.InstallYaml).Split('\n');
        var header = lines.TakeWhile(line => line.StartsWith('#')).ToList();
        var body = string.Join('\n', lines.Skip(header.Count));

        header.Should().Contain(line => line.Contains("deploy/render.sh"), "install.yaml must say how it is made");
        body.Should().Be(Rendered.Yaml(ManifestSource.Kustomize), "run deploy/render.sh after changing deploy/");
    }

    [Fact]
    public void InstallYaml_ComparedWithKustomizeOutput_SameObjects()
    {
        var installed = NormalizedObjects.From(Rendered.Objects(ManifestSource.InstallYaml));
        var kustomized = NormalizedObjects.From(Rendered.Objects(ManifestSource.Kustomize));

        ObjectSetAssert.Equal(installed, kustomized, "deploy/install.yaml", "kubectl kustomize deploy/");
    }

    [Fact]
    public void RenderScript_CheckOnTheCommittedTree_Passes()
    {
        var result = ExternalCommand.Run("bash", [Path.Combine(RepositoryPaths.Deploy, "render.sh"), "--check"]);

        result.ExitCode.Should().Be(0, result.StandardError);
    }

    [Fact]
    public void RenderScript_UnknownArgument_ExitsWithUsageError()
    {
        var result = ExternalCommand.Run("bash", [Path.Combine(RepositoryPaths.Deploy, "render.sh"), "--frobnicate"]);

        result.ExitCode.Should().Be(2);
        result.StandardError.Should().Contain("unknown argument");
    }

    [Fact]
    public void ChartCrd_ComparedWithDeployCrd_SameBytes()
    {
        var source = File.ReadAllBytes(Path.Combine(RepositoryPaths.Deploy, "crds", RepositoryPaths.CrdFileName));
        var chartCopy = File.ReadAllBytes(Path.Combine(RepositoryPaths.Chart, "crds", RepositoryPaths.CrdFileName));

        chartCopy.Should().Equal(source, "deploy/render.sh copies the CRD into the chart");
    }
}
