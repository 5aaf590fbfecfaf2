using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaprShared.TestData;

namespace DaprShared.Webhook.Tests.Infrastructure;

/// <summary>The captured AdmissionReviews in their wire form (compact JSON, as the API server sends them), and
/// variants derived from them.</summary>
internal static class Reviews
{
    public static TheoryData<string> CapturedFileNames()
    {
        var data = new TheoryData<string>();
        foreach (var path in TestDataPaths.CapturedReviews())
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    public static byte[] Wire(string fileName) => Encoding.UTF8.GetBytes(Parse(fileName).ToJsonString());

    public static JsonObject Parse(string fileName) => JsonNode.Parse(TestDataPaths.ReadAdmission(fileName))!.AsObject();

    /// <summary>A captured review changed by <paramref name="change"/>, in wire form.</summary>
    public static byte[] Derive(string fileName, Action<JsonObject> change)
    {
        var review = Parse(fileName);
        change(review);
        return Encoding.UTF8.GetBytes(review.ToJsonString());
    }

    public static string Uid(string fileName) => Parse(fileName)["request"]!["uid"]!.GetValue<string>();

    /// <summary>The response JSON and, when there is one, the decoded patch.</summary>
    public static (JsonElement Review, JsonElement? Patch) ReadResponse(string json)
    {
        var review = JsonDocument.Parse(json).RootElement.Clone();
        if (review.GetProperty("response").TryGetProperty("patch", out var patch))
        {
            return (review, JsonDocument.Parse(Convert.FromBase64String(patch.GetString()!)).RootElement.Clone());
        }

        return (review, null);
    }
}
