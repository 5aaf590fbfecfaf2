using System.Net;
using System.Text.Json;
using DaprShared.TestData;
using DaprShared.Webhook.Tests.Infrastructure;

namespace DaprShared.Webhook.Tests.Admission;

/// <summary>The /mutate contract over real HTTPS, with every AdmissionReview captured from a real API server,
/// sent as the API server sends it (compact JSON, <c>?timeout=10s</c>).</summary>
public sealed class MutateContractTests(FilesServerFixture fixture) : IClassFixture<FilesServerFixture>
{
    private const string PlainPod = "plain-pod.json";

    public static IEnumerable<object[]> CapturedReviews => Reviews.AllFixtureNames();

    [Fact]
    public void CapturedReviews_Exist_SoTheTheoriesBelowRun()
    {
        CapturedReviews.Should().HaveCountGreaterThanOrEqualTo(5);
    }

    [Theory]
    [MemberData(nameof(CapturedReviews))]
    public async Task Mutate_CapturedReview_AnswersAdmissionReviewV1EchoingUid(string fileName)
    {
        using var response = await fixture.Client.SendAsync(WebhookServer.Post("/mutate?timeout=10s", Reviews.Wire(fileName)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var (review, patch) = Reviews.ReadResponse(await response.Content.ReadAsStringAsync());
        review.GetProperty("apiVersion").GetString().Should().Be("admission.k8s.io/v1");
        review.GetProperty("kind").GetString().Should().Be("AdmissionReview");
        var answer = review.GetProperty("response");
        answer.GetProperty("uid").GetString().Should().Be(Reviews.Uid(fileName));
        answer.GetProperty("allowed").GetBoolean().Should().BeTrue();

        if (patch is { } operations)
        {
            answer.GetProperty("patchType").GetString().Should().Be("JSONPatch");
            operations.ValueKind.Should().Be(JsonValueKind.Array);
            operations.GetArrayLength().Should().BePositive();
        }
        else
        {
            answer.TryGetProperty("patchType", out _).Should().BeFalse("patchType goes only with a patch");
        }
    }

    [Theory]
    [MemberData(nameof(CapturedReviews))]
    public async Task Mutate_CapturedReview_PatchesExactlyTheOptedInPods(string fileName)
    {
        using var response = await fixture.Client.SendAsync(WebhookServer.Post("/mutate?timeout=10s", Reviews.Wire(fileName)));

        var (_, patch) = Reviews.ReadResponse(await response.Content.ReadAsStringAsync());
        patch.HasValue.Should().Be(fileName != PlainPod, "every captured pod but {0} is opted in", PlainPod);
    }

    [Fact]
    public async Task Mutate_PlainPodThroughNamespaceOptIn_IsTreatedAsOptedIn()
    {
        // Through /mutate the plain pod is not opted in; through the namespace entry it is, and having no app-id it
        // is admitted unchanged with a warning. The difference proves the entry reaches the core.
        using var response = await fixture.Client.SendAsync(
            WebhookServer.Post("/mutate/namespace-opt-in?timeout=10s", Reviews.Wire(PlainPod)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var (review, patch) = Reviews.ReadResponse(await response.Content.ReadAsStringAsync());
        patch.Should().BeNull();
        var answer = review.GetProperty("response");
        answer.GetProperty("uid").GetString().Should().Be(Reviews.Uid(PlainPod));
        answer.GetProperty("auditAnnotations").GetProperty("reason").GetString().Should().Be("missing_app_id");
        answer.GetProperty("warnings").GetArrayLength().Should().BePositive();
    }

    [Fact]
    public async Task Mutate_PlainPodThroughPodEntry_IsNotOptedIn()
    {
        using var response = await fixture.Client.SendAsync(WebhookServer.Post("/mutate", Reviews.Wire(PlainPod)));

        var (review, _) = Reviews.ReadResponse(await response.Content.ReadAsStringAsync());
        review.GetProperty("response").GetProperty("auditAnnotations").GetProperty("reason").GetString().Should().Be("not_opted_in");
    }

    [Fact]
    public async Task Mutate_JsonWithUtf8Charset_IsAccepted()
    {
        using var response = await fixture.Client.SendAsync(
            WebhookServer.Post("/mutate", Reviews.Wire("orders-deployment-pod.json"), "application/json; charset=utf-8"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Mutate_ChunkedBodyWithoutContentLength_IsAnswered()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mutate?timeout=10s")
        {
            Content = new StreamContent(new MemoryStream(Reviews.Wire("orders-deployment-pod.json"))),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await fixture.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Reviews.ReadResponse(await response.Content.ReadAsStringAsync()).Patch.Should().NotBeNull();
    }

    [Fact]
    public async Task Mutate_OneMebibyteBody_IsAcceptedUnderTheDefaultLimit()
    {
        // Far above Kestrel's limit for other endpoints: proves the transport raises it to Admission:MaxRequestBodyBytes.
        var review = Reviews.Wire("orders-deployment-pod.json");
        var body = new byte[1024 * 1024];
        review.CopyTo(body, 0);
        body.AsSpan(review.Length).Fill((byte)' ');

        using var response = await fixture.Client.SendAsync(WebhookServer.Post("/mutate", body));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Mutate_ConcurrentRequests_AreAllAnsweredWithTheirOwnUid()
    {
        var files = Reviews.FileNames();
        var requests = Enumerable.Range(0, 40).Select(async i =>
        {
            var file = files[i % files.Count];
            using var response = await fixture.Client.SendAsync(WebhookServer.Post("/mutate?timeout=10s", Reviews.Wire(file)));
            var (review, _) = Reviews.ReadResponse(await response.Content.ReadAsStringAsync());
            return (file, uid: review.GetProperty("response").GetProperty("uid").GetString());
        });

        foreach (var (file, uid) in await Task.WhenAll(requests))
        {
            uid.Should().Be(Reviews.Uid(file));
        }
    }
}
