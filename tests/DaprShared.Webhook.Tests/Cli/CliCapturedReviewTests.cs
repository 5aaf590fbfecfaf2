using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaprShared.Core.Admission;
using DaprShared.Core.Contract;
using DaprShared.Core.Manifests;
using DaprShared.TestData;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson;

namespace DaprShared.Webhook.Tests.Cli;

/// <summary>The CLI and the webhook are one core: the pods of the AdmissionReviews captured from a real API
/// server, written as YAML and run through <c>inject</c>, come out exactly as the webhook's own patch (applied by
/// an independent RFC 6902 implementation) makes them.</summary>
public sealed class CliCapturedReviewTests
{
    [Theory]
    [MemberData(nameof(Reviews.AllFixtureNames), MemberType = typeof(Reviews))]
    public void Inject_CapturedPod_MatchesTheWebhook(string fixture)
    {
        var review = Reviews.Load(fixture);
        var pod = review["request"]!["object"]!.AsObject();
        var ns = review["request"]!["namespace"]!.GetValue<string>();
        var expected = ApplyWebhookPatch(review, pod);

        var run = CliRun.Of(["inject", "-f", "-", "--namespace", ns], YamlJson.Write(pod));

        run.ExitCode.Should().Be(0, run.Stderr);
        var actual = YamlJson.Parse(run.Stdout).Single()!;
        foreach (var kind in new[] { "containers", "initContainers" })
        {
            var expectedContainers = expected["spec"]![kind]?.AsArray() ?? [];
            var actualContainers = actual["spec"]![kind]?.AsArray() ?? [];
            actualContainers.Select(EnvOf).Should().Equal(expectedContainers.Select(EnvOf), $"{kind} env of {fixture}");
        }

        JsonNode.DeepEquals(actual, expected).Should().BeTrue($"the whole pod of {fixture} must match; inject printed:\n{run.Stdout}");
    }

    [Fact]
    public void Inject_CapturedPods_IncludeAtLeastOnePatchedPod()
    {
        var patched = Reviews.FileNames()
            .Select(fileName => Reviews.PodOf(Reviews.Load(fileName)))
            .Count(pod => CliRun.Of(["inject", "-f", "-"], YamlJson.Write(pod)).Stdout.Contains("DAPR_HTTP_ENDPOINT", StringComparison.Ordinal));

        patched.Should().BeGreaterThan(0, "the comparison above must not pass vacuously");
    }

    private static string EnvOf(JsonNode? container) => container?["env"]?.ToJsonString() ?? "<none>";

    private static JsonObject ApplyWebhookPatch(JsonNode review, JsonObject pod)
    {
        var output = new ArrayBufferWriter<byte>();
        var result = AdmissionReviewHandler.Handle(Encoding.UTF8.GetBytes(review.ToJsonString()), false, new ClusterSettings(), output);
        result.Error.Should().BeNull();
        var patched = pod.DeepClone().AsObject();
        var patch = JsonNode.Parse(output.WrittenSpan)!["response"]!["patch"];
        if (patch is not null)
        {
            var operations = Encoding.UTF8.GetString(Convert.FromBase64String(patch.GetValue<string>()));
            JsonSerializer.Deserialize<JsonPatchDocument>(operations)!.ApplyTo(patched);
        }

        return patched;
    }
}
