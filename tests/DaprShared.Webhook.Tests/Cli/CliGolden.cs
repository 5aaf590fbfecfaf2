using DaprShared.TestData;

namespace DaprShared.Webhook.Tests.Cli;

/// <summary>Compares CLI output with a golden file under <c>golden/cli/</c>. <c>UPDATE_GOLDEN=1</c> rewrites the
/// file in the source tree instead (review the diff); a missing golden file always fails.</summary>
internal static class CliGolden
{
    public static void Match(string fileName, string actual)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(TestDataPaths.RepositoryRoot(), "tests", "DaprShared.TestData", "golden", "cli", fileName);
            File.WriteAllText(source, actual);
            return;
        }

        var path = Path.Combine(TestDataPaths.Golden, "cli", fileName);
        File.Exists(path).Should().BeTrue($"golden file cli/{fileName} must exist (run with UPDATE_GOLDEN=1 to create it)");
        actual.Should().Be(File.ReadAllText(path), $"output must match golden file cli/{fileName}");
    }
}
