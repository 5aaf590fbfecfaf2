namespace DaprShared.TestData.Tools;

/// <summary>The command-line tools the tests run, as CI installs them.</summary>
public static class RepositoryTools
{
    public static string Tools => Path.Combine(TestDataPaths.RepositoryRoot(), ".tools", "bin");

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
