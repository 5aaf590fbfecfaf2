using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaprShared.Core.Admission;
using DaprShared.Core.Contract;
using DaprShared.TestData;

namespace DaprShared.Core.Tests.Support;

/// <summary>Captured AdmissionReviews and variants derived from them, run through the real handler.</summary>
internal static class Reviews
{
    public const string Orders = "orders-deployment-pod.json";
    public const string Checkout = "checkout-pod.json";
    public const string Thumbnailer = "thumbnailer-job-pod.json";
    public const string Payments = "payments-pod-dryrun.json";
    public const string Plain = "plain-pod.json";

    public static IEnumerable<object[]> AllFixtureNames() =>
        TestDataPaths.CapturedReviews().Select(path => new object[] { Path.GetFileName(path) });

    public static JsonObject Load(string fileName) => JsonNode.Parse(TestDataPaths.ReadAdmission(fileName))!.AsObject();

    public static JsonObject PodOf(JsonObject review) => review["request"]!["object"]!.AsObject();

    public static JsonObject Annotations(JsonObject review)
    {
        var metadata = PodOf(review)["metadata"]!.AsObject();
        if (metadata["annotations"] is not JsonObject annotations)
        {
            metadata["annotations"] = annotations = new JsonObject();
        }

        return annotations;
    }

    /// <summary>The wire form: compact UTF-8 JSON, as the API server sends it.</summary>
    public static byte[] Wire(JsonNode review) => Encoding.UTF8.GetBytes(review.ToJsonString());

    public static Handled Handle(JsonNode review, bool namespaceOptedIn = false, ClusterSettings? settings = null) =>
        Handle(Wire(review), namespaceOptedIn, settings);

    public static Handled Handle(byte[] body, bool namespaceOptedIn = false, ClusterSettings? settings = null)
    {
        using var output = new PooledBufferWriter();
        var result = AdmissionReviewHandler.Handle(body, namespaceOptedIn, settings ?? new ClusterSettings(), output);
        var response = result.IsBadRequest ? null : JsonNode.Parse(output.WrittenSpan)!.AsObject();
        return new Handled(result, response);
    }

    internal sealed record Handled(AdmissionReviewResult Result, JsonObject? Review)
    {
        public JsonObject Response => Review!["response"]!.AsObject();

        public string? PatchJson => Response["patch"] is { } patch
            ? Encoding.UTF8.GetString(Convert.FromBase64String(patch.GetValue<string>()))
            : null;

        public JsonArray? Patch => PatchJson is { } json ? JsonNode.Parse(json)!.AsArray() : null;

        public IReadOnlyList<string> Warnings =>
            Response["warnings"]?.AsArray().Select(w => w!.GetValue<string>()).ToArray() ?? [];

        public string Reason => Result.Injection!.Reason;

        /// <summary>The pod the API server would persist: the request object with the patch applied.</summary>
        public JsonObject PatchedPod(JsonObject review) => PatchApplier.Apply(Reviews.PodOf(review), PatchJson);

        public string Env(JsonObject review, string list, int container, string name) =>
            PatchedPod(review)["spec"]![list]![container]!["env"]!.AsArray()
                .Single(e => e!["name"]!.GetValue<string>() == name)!["value"]!.GetValue<string>();
    }

    public static JsonSerializerOptions Pretty { get; } = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
