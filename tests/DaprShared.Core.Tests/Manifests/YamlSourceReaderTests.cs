using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using DaprShared.Core.Manifests;

namespace DaprShared.Core.Tests.Manifests;

public sealed class YamlSourceReaderTests
{
    public static TheoryData<string> Streams() => new()
    {
        "",
        "# only a comment\n",
        "a: 1\n",
        "a: 1",
        "---\na: 1\n---\nb: 2\n",
        "# lead\n---\n# c\na: 1 # trailing\n# between\n---\n\n---\n...\n--- {x: [1, 2]}\n...\nb: 2\n",
        "\uFEFFa: 1\r\n---\r\nb: |\r\n  x\r\n",
        "a: |\n  lit\n\n\n# after\n---\n- 1\n- 2\n",
        "--- !!str 5\n--- &a x\n",
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void Read_AnyStream_SlicesConcatenateToTheInput(string yaml)
    {
        var stream = YamlSourceReader.Read(yaml);

        string.Concat(stream.Documents.Select(d => yaml[d.SliceStart..d.SliceEnd]))
            .Should().Be(stream.Documents.Count == 0 ? string.Empty : yaml);
        stream.Documents.Select(d => d.Index).Should().Equal(Enumerable.Range(1, stream.Documents.Count));
    }

    [Fact]
    public void Read_MultiDocument_CountsEmptyDocumentsAndKeepsContentRanges()
    {
        const string Yaml = "# lead\napiVersion: v1\nkind: Pod # t\n---\n---\n# c\nkind: X\n";

        var stream = YamlSourceReader.Read(Yaml);

        stream.Documents.Should().HaveCount(3);
        stream.Documents[0].Root!["kind"]!.GetValue<string>().Should().Be("Pod");
        Yaml[stream.Documents[0].ContentStart..stream.Documents[0].ContentEnd].Should().Be("apiVersion: v1\nkind: Pod");
        stream.Documents[0].Line.Should().Be(2);
        stream.Documents[1].Root.Should().BeNull();
        stream.Documents[2].Line.Should().Be(7);
    }

    [Fact]
    public void Read_CommentsOnly_HasNoDocuments() =>
        YamlSourceReader.Read("# nothing here\n\n# at all\n").Documents.Should().BeEmpty();

    [Fact]
    public void Read_QuotedScalars_StayStrings()
    {
        var root = YamlJson.Parse("a: \"true\"\nb: '8080'\nc: !!str 12\nd: |\n  7\ne: true\nf: 8080\n").Single()!;

        root.ToJsonString().Should().Be("""{"a":"true","b":"8080","c":"12","d":"7\n","e":true,"f":8080}""");
    }

    [Fact]
    public void Read_AnchorsAliasesAndMergeKeys_AreExpanded()
    {
        const string Yaml = """
            base: &base {a: 1, b: 2}
            list: &l [x, z]
            copy: *base
            merged:
              <<: *base
              b: 3
            many:
              <<: [{c: 1}, {c: 2, d: 4}]
            again: *l
            """;

        var root = YamlJson.Parse(Yaml).Single()!;

        root["copy"]!.ToJsonString().Should().Be("""{"a":1,"b":2}""");
        JsonNode.DeepEquals(root["merged"], JsonNode.Parse("""{"b":3,"a":1}""")).Should().BeTrue();
        JsonNode.DeepEquals(root["many"], JsonNode.Parse("""{"c":1,"d":4}""")).Should().BeTrue();
        root["again"]!.ToJsonString().Should().Be("""["x","z"]""");
    }

    [Fact]
    public void Read_DuplicateKey_LastWins() =>
        YamlJson.Parse("a: 1\na: 2\n").Single()!["a"]!.GetValue<long>().Should().Be(2);

    [Fact]
    public void Read_InvalidYaml_ReportsDocumentAndLine()
    {
        var act = () => YamlSourceReader.Read("a: 1\n---\nb: 2\n---\nc: [1, 2\nd: 3\n");

        var error = act.Should().Throw<ManifestFormatException>().Which;
        error.Document.Should().Be(3);
        error.Line.Should().BeGreaterThanOrEqualTo(5);
        error.Describe().Should().StartWith("document 3, line ");
    }

    [Theory]
    [InlineData("a: *nope\n", "alias *nope")]
    [InlineData("? [a]\n: 1\n", "mapping key")]
    [InlineData("a: !!int abc\n", "cannot be read as int")]
    [InlineData("a: &x [*x]\n", "alias *x")]
    [InlineData("<<: 5\n", "merge key")]
    public void Read_UnsupportedConstruct_FailsWithClearMessage(string yaml, string expected)
    {
        var act = () => YamlSourceReader.Read(yaml);

        act.Should().Throw<ManifestFormatException>().WithMessage($"*{expected}*");
    }

    [Fact]
    public void Read_BillionLaughs_FailsFastOnTheAliasBudget()
    {
        var yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 12; i++)
        {
            var previous = $"*a{i - 1}";
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat(previous, 10))}]\n");
        }

        var watch = Stopwatch.StartNew();
        var act = () => YamlSourceReader.Read(yaml.ToString());

        act.Should().Throw<ManifestFormatException>().WithMessage("*aliases expand to more than*");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_DeepNesting_FailsFastOnTheDepthLimit(bool flow)
    {
        const int Depth = 100_000;
        string yaml;
        if (flow)
        {
            yaml = "a: " + new string('[', Depth) + new string(']', Depth) + "\n";
        }
        else
        {
            var builder = new StringBuilder();
            for (var i = 0; i < 1000; i++)
            {
                builder.Append(' ', i).Append("k:\n");
            }

            yaml = builder.ToString();
        }

        var watch = Stopwatch.StartNew();
        var act = () => YamlSourceReader.Read(yaml);

        act.Should().Throw<ManifestFormatException>().WithMessage($"*deeper than {ManifestLimits.MaxDepth}*");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Read_AliasesNestedPastTheDepthLimit_Fail()
    {
        var deep = new string('[', 150) + new string(']', 150);
        var yaml = $"a: &d {deep}\nb: {new string('[', 100)}*d{new string(']', 100)}\n";

        var act = () => YamlSourceReader.Read(yaml);

        act.Should().Throw<ManifestFormatException>().WithMessage("*deeper than*");
    }
}
