using System.Text;
using System.Text.Json.Nodes;
using DaprShared.Core.Admission;
using DaprShared.TestData;

namespace DaprShared.Core.Tests.Support;

/// <summary>What the handler made of a review: its result and the AdmissionReview it wrote (null for a bad request).</summary>
internal sealed record HandledReview(AdmissionReviewResult Result, JsonObject? Review)
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
