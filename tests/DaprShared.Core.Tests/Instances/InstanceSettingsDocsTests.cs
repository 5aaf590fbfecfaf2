using DaprShared.Core.Instances;
using DaprShared.TestData;

namespace DaprShared.Core.Tests.Instances;

/// <summary>The docs describe every row of <see cref="InstanceSettings"/>: the contract's table (docs/design.md §2)
/// with its daprd flag, accepted values, fallback, default and instance field, and the README's short table by name.</summary>
public sealed class InstanceSettingsDocsTests
{
    private static readonly Lazy<string[]> DesignTable = new(() => TableLines(Path.Combine("docs", "design.md"), "## 2."));

    public static TheoryData<string> Settings => SettingExamples.Fields();

    [Theory]
    [MemberData(nameof(Settings))]
    public void DesignContract_EverySetting_HasARowSayingWhatItsRowSays(string field)
    {
        var setting = SettingExamples.Row(field);

        var line = DesignTable.Value.Should().ContainSingle(l => l.StartsWith($"| `{setting.Annotation}` |", StringComparison.Ordinal),
            "docs/design.md §2 has one row per setting").Subject;

        var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        cells.Should().HaveCount(4, "key | meaning | default | instance field");
        cells[3].Should().Be($"`{setting.Field}`");
        if (setting.DaprdFlag is { } flag)
        {
            cells[1].Should().Contain($"`{flag}`");
        }

        if (setting.FallbackAnnotation is { } fallback)
        {
            cells[1].Should().Contain($"`{fallback}`");
        }

        foreach (var choice in setting.Value.Choices)
        {
            cells[1].Should().Contain($"`{choice}`");
        }

        if (setting.Default is { } value)
        {
            cells[2].Should().Contain(value);
        }
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void Readme_EverySetting_NamedInTheAnnotationTable(string field)
    {
        var setting = SettingExamples.Row(field);

        var table = TableLines("README.md", "# ");

        table.Should().Contain(l => l.Contains($"`{setting.Annotation}`", StringComparison.Ordinal) || l.Contains($"`{setting.Name}`", StringComparison.Ordinal),
            "the README's annotation table names every setting");
    }

    /// <summary>The lines of the first Markdown table after the heading that starts with <paramref name="heading"/>.</summary>
    private static string[] TableLines(string relativePath, string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(TestDataPaths.RepositoryRoot(), relativePath));
        var start = Array.FindIndex(lines, l => l.StartsWith(heading, StringComparison.Ordinal));
        start.Should().BeGreaterThanOrEqualTo(0, $"{relativePath} has a heading '{heading}'");
        return lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).ToArray();
    }
}
