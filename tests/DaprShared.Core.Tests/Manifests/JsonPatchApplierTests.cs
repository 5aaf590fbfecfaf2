using System.Text.Json.Nodes;
using DaprShared.Core.Manifests;
using DaprShared.Core.Patching;
using DaprShared.Core.Tests.Support;

namespace DaprShared.Core.Tests.Manifests;

public sealed class JsonPatchApplierTests
{
    private static JsonNode Doc() => JsonNode.Parse("""{"metadata":{"labels":{"a":"1"}},"list":["x","y"],"n":null}""")!;

    [Fact]
    public void Apply_AppendWithDash_AddsAtTheEnd()
    {
        var result = JsonPatchApplier.Apply(Doc(), [PatchOperation.Add("/list/-", PatchValue.String("z"))]);

        result!["list"]!.ToJsonString().Should().Be("""["x","y","z"]""");
    }

    [Theory]
    [InlineData("0", """["new","x","y"]""")]
    [InlineData("1", """["x","new","y"]""")]
    [InlineData("2", """["x","y","new"]""")]
    public void Apply_AddAtIndex_Inserts(string index, string expected)
    {
        var result = JsonPatchApplier.Apply(Doc(), [PatchOperation.Add($"/list/{index}", PatchValue.String("new"))]);

        result!["list"]!.ToJsonString().Should().Be(expected);
    }

    [Fact]
    public void Apply_ReplaceAtIndex_Replaces()
    {
        var result = JsonPatchApplier.Apply(Doc(), [PatchOperation.Replace("/list/1", PatchValue.String("new"))]);

        result!["list"]!.ToJsonString().Should().Be("""["x","new"]""");
    }

    [Fact]
    public void Apply_EscapedKeys_AreUnescaped()
    {
        var result = JsonPatchApplier.Apply(Doc(), [
            PatchOperation.Add("/metadata/labels/dapr-shared.io~1app-id", PatchValue.String("orders")),
            PatchOperation.Add("/metadata/labels/t~0ilde~01", PatchValue.String("t")),
        ]);

        result!["metadata"]!["labels"]!["dapr-shared.io/app-id"]!.GetValue<string>().Should().Be("orders");
        result["metadata"]!["labels"]!["t~ilde~1"]!.GetValue<string>().Should().Be("t");
    }

    [Fact]
    public void Apply_ParentFirst_CreatesNestedObjects()
    {
        var result = JsonPatchApplier.Apply(Doc(), [
            PatchOperation.Add("/metadata/annotations", PatchValue.EmptyObject),
            PatchOperation.Add("/metadata/annotations/x", PatchValue.String("1")),
            PatchOperation.Add("/env", PatchValue.EmptyArray),
            PatchOperation.Add("/env/-", PatchValue.EnvVar("A", "b")),
            PatchOperation.Add("/env/-", PatchValue.EnvVarFromSecret("T", "s", "token")),
        ]);

        result!["metadata"]!["annotations"]!.ToJsonString().Should().Be("""{"x":"1"}""");
        result["env"]!.ToJsonString().Should().Be("""[{"name":"A","value":"b"},{"name":"T","valueFrom":{"secretKeyRef":{"name":"s","key":"token"}}}]""");
    }

    [Fact]
    public void Apply_AddExistingMember_ReplacesIt()
    {
        var result = JsonPatchApplier.Apply(Doc(), [PatchOperation.Add("/metadata/labels/a", PatchValue.String("2"))]);

        result!["metadata"]!["labels"]!["a"]!.GetValue<string>().Should().Be("2");
    }

    [Fact]
    public void Apply_EmptyPath_ReplacesTheDocument()
    {
        var result = JsonPatchApplier.Apply(Doc(), [PatchOperation.Replace(string.Empty, PatchValue.EmptyObject)]);

        result!.ToJsonString().Should().Be("{}");
    }

    [Theory]
    [InlineData("/missing/x", "does not exist")]
    [InlineData("/n/x", "not an object or an array")]
    [InlineData("/list/3", "not a valid index")]
    [InlineData("/list/01", "not a valid index")]
    [InlineData("/list/-1", "not a valid index")]
    [InlineData("/list/x", "not a valid index")]
    [InlineData("/list/0/x", "not an object or an array")]
    [InlineData("/list/9/x", "does not exist")]
    [InlineData("metadata", "not a JSON pointer")]
    [InlineData("/metadata/~2", "not a JSON pointer")]
    [InlineData("/metadata/a~", "not a JSON pointer")]
    public void Apply_InvalidAdd_Throws(string path, string expected)
    {
        var act = () => JsonPatchApplier.Apply(Doc(), [PatchOperation.Add(path, PatchValue.String("v"))]);

        act.Should().Throw<JsonPatchApplyException>().WithMessage($"*{expected}*");
    }

    [Theory]
    [InlineData("/metadata/labels/b", "no member")]
    [InlineData("/list/-", "not a valid index")]
    [InlineData("/list/2", "not a valid index")]
    public void Apply_InvalidReplace_Throws(string path, string expected)
    {
        var act = () => JsonPatchApplier.Apply(Doc(), [PatchOperation.Replace(path, PatchValue.String("v"))]);

        act.Should().Throw<JsonPatchApplyException>().WithMessage($"*{expected}*");
    }

    [Fact]
    public void Apply_SameOperations_MatchesAnIndependentApplier()
    {
        IReadOnlyList<PatchOperation> operations =
        [
            PatchOperation.Add("/metadata/annotations", PatchValue.EmptyObject),
            PatchOperation.Add("/metadata/annotations/dapr-shared.io~1injected", PatchValue.String("daemonset")),
            PatchOperation.Replace("/metadata/labels/a", PatchValue.String("2")),
            PatchOperation.Add("/list/0", PatchValue.String("first")),
            PatchOperation.Add("/list/-", PatchValue.EnvVar("A", "b")),
        ];

        var ours = JsonPatchApplier.Apply(Doc(), operations);
        var theirs = PatchApplier.Apply(Doc().AsObject(), System.Text.Encoding.UTF8.GetString(JsonPatchWriter.ToUtf8Bytes(operations)));

        JsonNode.DeepEquals(ours, theirs).Should().BeTrue();
    }
}
