using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaprShared.Deploy.Tests.Support;

/// <summary>Compares two rendered object sets and, when they differ, says which object and shows both versions.</summary>
public static class ObjectSetAssert
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Equal(
        IReadOnlyDictionary<ObjectKey, JsonNode> actual,
        IReadOnlyDictionary<ObjectKey, JsonNode> expected,
        string actualName,
        string expectedName)
    {
        actual.Keys.Should().BeEquivalentTo(expected.Keys, $"{actualName} and {expectedName} must hold the same objects");

        foreach (var (key, expectedNode) in expected)
        {
            var actualNode = actual[key];
            JsonNode.DeepEquals(actualNode, expectedNode).Should().BeTrue(
                $"{key} differs between {actualName} and {expectedName}:\n--- {actualName}\n{actualNode.ToJsonString(Indented)}\n--- {expectedName}\n{expectedNode.ToJsonString(Indented)}");
        }
    }
}
