using DaprShared.TestData;

namespace DaprShared.Core.Tests.Support;

/// <summary>Compares output with a checked-in golden file. <c>UPDATE_GOLDEN=1</c> rewrites the files in the source
/// tree instead (review the diff before committing); a missing golden file always fails.</summary>
internal static class Golden
{
    public static void Match(string relativePath, string actual)
    {
        actual = actual.ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(TestDataPaths.RepositoryRoot(), "tests", "DaprShared.TestData", "golden", relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, actual);
            return;
        }

        var path = Path.Combine(TestDataPaths.Golden, relativePath);
        File.Exists(path).Should().BeTrue($"golden file {relativePath} must exist (run with UPDATE_GOLDEN=1 to create it)");
        actual.Should().Be(File.ReadAllText(path).ReplaceLineEndings("\n"), $"output must match golden file {relativePath}");
    }
}
