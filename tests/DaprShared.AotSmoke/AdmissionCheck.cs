using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DaprShared.TestData;

namespace DaprShared.AotSmoke;

/// <summary>POSTs an AdmissionReview captured from a real kube-apiserver to <c>/mutate</c>, as the API server
/// sends it (compact JSON, <c>?timeout=10s</c>), and compares the answer with the golden file the JIT tests use:
/// the AOT build must produce the very same patch.</summary>
internal static class AdmissionCheck
{
    public const string ReviewFile = Reviews.Orders;
    private const string GoldenFile = "orders-deployment-pod.response.json";

    public static async Task<string> RunAsync(WebhookClient client)
    {
        var review = Reviews.Load(ReviewFile);
        var golden = JsonNode.Parse(Golden.Read("admission/" + GoldenFile))!;
        var uid = (string)review["request"]!["uid"]!;

        var (status, body) = await client.PostJsonAsync("/mutate?timeout=10s", review.ToJsonString()).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            throw new SmokeFailure($"POST /mutate answered {(int)status}: {Truncate(body)}");
        }

        var answer = Parse(body);
        Expect((string?)answer["apiVersion"] == "admission.k8s.io/v1" && (string?)answer["kind"] == "AdmissionReview", "an admission.k8s.io/v1 AdmissionReview", body);
        var response = answer["response"] as JsonObject ?? throw new SmokeFailure("the AdmissionReview has no response: " + Truncate(body));
        Expect((string?)response["uid"] == uid, $"response.uid {uid}", body);
        Expect(response["allowed"]?.GetValue<bool>() == true, "response.allowed true", body);
        Expect((string?)response["patchType"] == "JSONPatch", "response.patchType JSONPatch", body);

        var patchText = Encoding.UTF8.GetString(Convert.FromBase64String((string?)response["patch"] ?? ""));
        var patch = Parse(patchText);
        var expected = golden["decodedPatch"]!;
        if (!JsonNode.DeepEquals(patch, expected))
        {
            throw new SmokeFailure($"the patch differs from golden/admission/{GoldenFile}:\n  got      {patch.ToJsonString()}\n  expected {expected.ToJsonString()}");
        }

        return $"200, uid echoed, {patch.AsArray().Count} JSONPatch ops equal to golden/admission/{GoldenFile}";
    }

    private static JsonNode Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json) ?? throw new SmokeFailure("the answer is JSON null");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new SmokeFailure($"the answer is not JSON ({e.Message}): {Truncate(json)}", e);
        }
    }

    private static void Expect(bool condition, string what, string body)
    {
        if (!condition)
        {
            throw new SmokeFailure($"expected {what}, got {Truncate(body)}");
        }
    }

    private static string Truncate(string text) => text.Length <= 600 ? text : text[..600] + "…";
}
