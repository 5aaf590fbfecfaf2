using System.Text.Json;
using System.Text.Json.Nodes;
using DaprShared.Core.Tests.Support;
using DaprShared.TestData;

namespace DaprShared.Core.Tests.Admission;

/// <summary>Every AdmissionReview captured from a real kube-apiserver: the exact patch, warnings and reason, the
/// exact pod that results, and the invariants DESIGN §3 promises about that pod.</summary>
public sealed class CapturedReviewGoldenTests
{
    [Theory]
    [MemberData(nameof(Reviews.AllFixtureNames), MemberType = typeof(Reviews))]
    public void Handle_CapturedReview_MatchesGoldenPatchAndPod(string fixture)
    {
        var review = Reviews.Load(fixture);
        var handled = ReviewHandler.Handle(review);

        var name = Path.GetFileNameWithoutExtension(fixture);
        var summary = new JsonObject
        {
            ["outcome"] = handled.Result.Injection!.Outcome.ToString(),
            ["reason"] = handled.Reason,
            ["dryRun"] = handled.Result.DryRun,
            ["response"] = handled.Response.DeepClone(),
            ["decodedPatch"] = handled.Patch?.DeepClone(),
        };
        Golden.Match($"admission/{name}.response.json", summary.ToJsonString(Golden.PrettyJson));
        Golden.Match($"admission/{name}.pod.json", handled.PatchedPod(review).ToJsonString(Golden.PrettyJson));
    }

    [Theory]
    [MemberData(nameof(Reviews.AllFixtureNames), MemberType = typeof(Reviews))]
    public void Handle_CapturedReview_EchoesUidAndSetsPatchTypeOnlyWithPatch(string fixture)
    {
        var review = Reviews.Load(fixture);
        var handled = ReviewHandler.Handle(review);

        handled.Review!["apiVersion"]!.GetValue<string>().Should().Be("admission.k8s.io/v1");
        handled.Review["kind"]!.GetValue<string>().Should().Be("AdmissionReview");
        handled.Response["uid"]!.GetValue<string>().Should().Be(review["request"]!["uid"]!.GetValue<string>());
        handled.Response["allowed"]!.GetValue<bool>().Should().BeTrue();
        (handled.Response["patchType"] is not null).Should().Be(handled.Response["patch"] is not null);
    }

    [Theory]
    [MemberData(nameof(Reviews.AllFixtureNames), MemberType = typeof(Reviews))]
    public void Handle_CapturedReview_ChangesOnlyEnvAndDaprSharedKeysAndDaprEnabled(string fixture)
    {
        var review = Reviews.Load(fixture);
        var before = Reviews.PodOf(review);
        var after = ReviewHandler.Handle(review).PatchedPod(review);

        JsonNode.DeepEquals(StripAllowedChanges(before), StripAllowedChanges(after)).Should().BeTrue(
            "nothing outside container env, dapr-shared.io/* keys and dapr.io/enabled may change");
        var envAfter = EnvByContainer(after);
        foreach (var (container, env) in EnvByContainer(before))
        {
            envAfter[container].Take(env.Count).Should().Equal(env, $"user variables of {container} keep their values and order");
        }
    }

    [Theory]
    [MemberData(nameof(Reviews.AllFixtureNames), MemberType = typeof(Reviews))]
    public void Handle_OwnOutput_YieldsNoPatch(string fixture)
    {
        var review = Reviews.Load(fixture);
        var first = ReviewHandler.Handle(review);
        review["request"]!["object"] = first.PatchedPod(review);

        var second = ReviewHandler.Handle(review);

        second.Response["patch"].Should().BeNull("the webhook applied to its own output must change nothing");
        second.Result.Injection!.Outcome.Should().NotBe(DaprShared.Core.Injection.InjectionOutcome.Patched);
    }

    private static JsonObject StripAllowedChanges(JsonObject pod)
    {
        var copy = pod.DeepClone().AsObject();
        foreach (var mapName in new[] { "labels", "annotations" })
        {
            if (copy["metadata"]?[mapName] is JsonObject map)
            {
                foreach (var key in map.Select(p => p.Key).Where(k => k.StartsWith("dapr-shared.io/", StringComparison.Ordinal) || k == "dapr.io/enabled").ToList())
                {
                    map.Remove(key);
                }

                if (map.Count == 0)
                {
                    copy["metadata"]!.AsObject().Remove(mapName);
                }
            }
        }

        foreach (var list in new[] { "containers", "initContainers", "ephemeralContainers" })
        {
            foreach (var container in copy["spec"]?[list]?.AsArray() ?? [])
            {
                container!.AsObject().Remove("env");
            }
        }

        return copy;
    }

    private static Dictionary<string, List<string>> EnvByContainer(JsonObject pod) =>
        new[] { "containers", "initContainers" }
            .SelectMany(list => (pod["spec"]?[list]?.AsArray() ?? []).Select((c, i) => (Key: $"{list}/{i}", Container: c!)))
            .ToDictionary(
                c => c.Key,
                c => (c.Container["env"]?.AsArray() ?? []).Select(e => e!.ToJsonString()).ToList());
}
