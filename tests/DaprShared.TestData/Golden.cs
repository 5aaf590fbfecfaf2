using System.Text.Encodings.Web;
using System.Text.Json;
using FluentAssertions;

namespace DaprShared.TestData;

/// <summary>The checked-in golden files under <c>golden/</c>, shared by the core tests, the CLI tests and the AOT
/// smoke. <c>UPDATE_GOLDEN=1</c> makes <see cref="Match"/> and <see cref="MatchExactly"/> rewrite the files in the
/// source tree instead (review the diff before committing); a missing golden file always fails.</summary>
public static class Golden
{
    /// <summary>How golden JSON is written: indented, and without escaping what a reader wants to see (quotes, +, &lt;).</summary>
    public static JsonSerializerOptions PrettyJson { get; } = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Where <paramref name="relativePath"/> (e.g. <c>cli/mixed.input.yaml</c>) is next to the test assembly.</summary>
    public static string PathOf(string relativePath) => Path.Combine(TestDataPaths.Golden, relativePath);

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>A document (YAML, JSON) compared as a text file: line endings and trailing blank lines do not count.</summary>
    public static void Match(string relativePath, string actual)
    {
        actual = actual.ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (!Updating(relativePath, actual))
        {
            actual.Should().Be(Expected(relativePath).ReplaceLineEndings("\n"), $"output must match golden file {relativePath}");
        }
    }

    /// <summary>What a program printed, compared byte for byte: its line endings and final newline are part of it.</summary>
    public static void MatchExactly(string relativePath, string actual)
    {
        if (!Updating(relativePath, actual))
        {
            actual.Should().Be(Expected(relativePath), $"output must match golden file {relativePath}");
        }
    }

    private static bool Updating(string relativePath, string actual)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") != "1")
        {
            return false;
        }

        var source = Path.Combine(TestDataPaths.RepositoryRoot(), "tests", "DaprShared.TestData", "golden", relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        File.WriteAllText(source, actual);
        return true;
    }

    private static string Expected(string relativePath)
    {
        File.Exists(PathOf(relativePath)).Should().BeTrue($"golden file {relativePath} must exist (run with UPDATE_GOLDEN=1 to create it)");
        return Read(relativePath);
    }
}
