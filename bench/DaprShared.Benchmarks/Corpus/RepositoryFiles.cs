namespace DaprShared.Benchmarks.Corpus;

/// <summary>Finds the repository from wherever BenchmarkDotNet runs us: it builds and starts a child process in a
/// generated folder under bin/, so paths relative to the executable are not stable, but the solution above is.</summary>
public static class RepositoryFiles
{
    private const string SolutionFile = "DaprShared.Webhook.sln";

    public static string Root()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DAPRSHARED_REPO");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(Path.Combine(fromEnvironment, SolutionFile)))
        {
            return fromEnvironment;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"{SolutionFile} not found above {AppContext.BaseDirectory}; set DAPRSHARED_REPO to the repository root");
    }

    /// <summary>The AdmissionReviews captured from a real kube-apiserver, by file name without extension.</summary>
    public static IReadOnlyList<(string Name, string Path)> CapturedReviews()
    {
        var folder = Path.Combine(Root(), "tests", "DaprShared.TestData", "admission");
        return Directory.GetFiles(folder, "*.json")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (Path.GetFileNameWithoutExtension(path), path))
            .ToArray();
    }
}
