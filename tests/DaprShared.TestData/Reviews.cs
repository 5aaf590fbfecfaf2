using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaprShared.TestData;

/// <summary>The AdmissionReviews captured from a real kube-apiserver (<c>admission/</c>), in their wire form
/// (compact UTF-8 JSON, as the API server sends them), and variants derived from them.</summary>
public static class Reviews
{
    public const string Orders = "orders-deployment-pod.json";
    public const string Checkout = "checkout-pod.json";
    public const string Thumbnailer = "thumbnailer-job-pod.json";
    public const string Payments = "payments-pod-dryrun.json";
    public const string Plain = "plain-pod.json";

    /// <summary>Every captured file's name, in ordinal order.</summary>
    public static IReadOnlyList<string> FileNames() => [.. TestDataPaths.CapturedReviews().Select(Path.GetFileName).OfType<string>()];

    /// <summary><see cref="FileNames"/> as theory rows (<c>[MemberData]</c>).</summary>
    public static IEnumerable<object[]> AllFixtureNames() => FileNames().Select(name => new object[] { name });

    public static JsonObject Load(string fileName) => JsonNode.Parse(TestDataPaths.ReadAdmission(fileName))!.AsObject();

    public static JsonObject PodOf(JsonObject review) => review["request"]!["object"]!.AsObject();

    /// <summary>The pod's annotations, created empty when it has none.</summary>
    public static JsonObject Annotations(JsonObject review)
    {
        var metadata = PodOf(review)["metadata"]!.AsObject();
        if (metadata["annotations"] is not JsonObject annotations)
        {
            metadata["annotations"] = annotations = new JsonObject();
        }

        return annotations;
    }

    public static string Uid(string fileName) => Load(fileName)["request"]!["uid"]!.GetValue<string>();

    /// <summary>The wire form of <paramref name="review"/>.</summary>
    public static byte[] Wire(JsonNode review) => Encoding.UTF8.GetBytes(review.ToJsonString());

    /// <summary>The wire form of the captured file <paramref name="fileName"/>.</summary>
    public static byte[] Wire(string fileName) => Wire(Load(fileName));

    /// <summary>A captured review changed by <paramref name="change"/>, in wire form.</summary>
    public static byte[] Derive(string fileName, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var review = Load(fileName);
        change(review);
        return Wire(review);
    }

    /// <summary>An AdmissionReview response and, when there is one, its decoded patch.</summary>
    public static (JsonElement Review, JsonElement? Patch) ReadResponse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var review = document.RootElement.Clone();
        if (review.GetProperty("response").TryGetProperty("patch", out var patch))
        {
            using var decoded = JsonDocument.Parse(Convert.FromBase64String(patch.GetString()!));
            return (review, decoded.RootElement.Clone());
        }

        return (review, null);
    }
}
