using DaprShared.TestData;

namespace DaprShared.Deploy.Tests.Support;

/// <summary>Paths of the install artefacts under test, and of the tools that render them.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = TestDataPaths.RepositoryRoot();

    public static string Deploy => Path.Combine(Root, "deploy");

    public static string InstallYaml => Path.Combine(Deploy, "install.yaml");

    public static string Chart => Path.Combine(Deploy, "helm", "dapr-shared");

    public static string CrdFileName => "daprsharedinstances.dapr-shared.io.yaml";

    public static string Tools => Path.Combine(Root, ".tools", "bin");

    /// <summary>helm is not in Debian's archive here: .ci/install-helm.sh puts it in .tools/bin. A missing
    /// tool fails the test, loudly, rather than skipping it.</summary>
    public static string Helm()
    {
        var helm = Path.Combine(Tools, "helm");
        if (!File.Exists(helm))
        {
            throw new InvalidOperationException($"{helm} is missing: run .ci/install-helm.sh first (it installs helm and kubectl into .tools/bin)");
        }

        return helm;
    }

    /// <summary>The pinned kubectl from .tools/bin (same as deploy/render.sh uses), else kubectl on PATH.</summary>
    public static string Kubectl()
    {
        var pinned = Path.Combine(Tools, "kubectl");
        if (File.Exists(pinned))
        {
            return pinned;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "kubectl"))
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException("kubectl not found: run .ci/install-helm.sh first (it installs kubectl into .tools/bin)");
    }
}
