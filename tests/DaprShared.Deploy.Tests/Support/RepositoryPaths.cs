using DaprShared.TestData;
using DaprShared.TestData.Tools;

namespace DaprShared.Deploy.Tests.Support;

/// <summary>Paths of the install artefacts under test, and of the tools that render them.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = TestDataPaths.RepositoryRoot();

    public static string Deploy => Path.Combine(Root, "deploy");

    public static string InstallYaml => Path.Combine(Deploy, "install.yaml");

    public static string Chart => Path.Combine(Deploy, "helm", "dapr-shared");

    public static string CrdFileName => "daprsharedinstances.dapr-shared.io.yaml";

    public static string Helm() => RepositoryTools.Helm();

    public static string Kubectl() => RepositoryTools.Kubectl();
}
