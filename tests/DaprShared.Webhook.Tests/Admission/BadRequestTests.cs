using System.Net;
using System.Text;
using DaprShared.TestData;
using DaprShared.Webhook.Tests.Infrastructure;

namespace DaprShared.Webhook.Tests.Admission;

/// <summary>Every malformed request gets the right 4xx with a message saying what is wrong, and the server answers
/// a good request right after it.</summary>
public sealed class BadRequestTests(FilesServerFixture fixture) : IClassFixture<FilesServerFixture>
{
    private const string Orders = "orders-deployment-pod.json";

    public static TheoryData<string, int, string> BadRequests => new()
    {
        { "wrong content type", 415, "Content-Type \"text/plain\" is not supported" },
        { "no content type", 415, "Content-Type is missing" },
        { "utf-16 charset", 415, "is not supported" },
        { "json suffix type", 415, "is not supported" },
        { "empty body", 400, "the request body is empty" },
        { "malformed json", 400, "not valid JSON" },
        { "json array", 400, "must be a JSON object" },
        { "json string", 400, "must be a JSON object" },
        { "wrong kind", 400, "expected kind AdmissionReview" },
        { "missing request", 400, "request is missing" },
        { "missing uid", 400, "request.uid is missing" },
        { "missing object", 400, "request.object is missing" },
        { "non-pod kind", 400, "only core/v1 Pods are handled" },
        { "GET", 405, "POST an AdmissionReview" },
        { "PUT", 405, "method \"PUT\" is not allowed" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Mutate_BadRequest_AnswersStatusWithClearMessageAndKeepsServing(string name, int status, string message)
    {
        using (var response = await fixture.Client.SendAsync(Build(name)))
        {
            ((int)response.StatusCode).Should().Be(status);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
            (await response.Content.ReadAsStringAsync()).Should().Contain(message);
        }

        using var good = await fixture.Client.SendAsync(WebhookServer.Post("/mutate?timeout=10s", Reviews.Wire(Orders)));
        good.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Mutate_Get_AnswersAllowHeaderWithPost()
    {
        using var response = await fixture.Client.GetAsync("/mutate");

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Equal("POST");
    }

    [Fact]
    public async Task Mutate_MalformedReviewWithUid_IsLoggedWithUidButNeverTheBody()
    {
        var uid = Guid.NewGuid().ToString();
        var body = Reviews.Derive(Orders, review =>
        {
            review["request"]!["uid"] = uid;
            review["request"]!.AsObject().Remove("object");
        });

        using var response = await fixture.Client.SendAsync(WebhookServer.Post("/mutate", body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var rejected = fixture.Server.Logs.WithEventId(101).Should().ContainSingle(e => e.Message.Contains(uid)).Subject;
        rejected.Message.Should().NotContain("managedFields").And.NotContain("containers");
    }

    [Fact]
    public async Task Mutate_MessageEchoingContentType_IsBounded()
    {
        var longType = "application/" + new string('x', 5000);

        using var response = await fixture.Client.SendAsync(WebhookServer.Post("/mutate", Reviews.Wire(Orders), longType));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await response.Content.ReadAsStringAsync()).Length.Should().BeLessThan(300);
    }

    private static HttpRequestMessage Build(string name) => name switch
    {
        "wrong content type" => WebhookServer.Post("/mutate", Reviews.Wire(Orders), "text/plain"),
        "no content type" => WebhookServer.Post("/mutate", Reviews.Wire(Orders), contentType: null),
        "utf-16 charset" => WebhookServer.Post("/mutate", Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(Reviews.Wire(Orders))), "application/json; charset=utf-16"),
        "json suffix type" => WebhookServer.Post("/mutate", Reviews.Wire(Orders), "application/merge-patch+json"),
        "empty body" => WebhookServer.Post("/mutate", []),
        "malformed json" => WebhookServer.Post("/mutate", "{\"kind\": \"AdmissionReview\", "u8.ToArray()),
        "json array" => WebhookServer.Post("/mutate", "[]"u8.ToArray()),
        "json string" => WebhookServer.Post("/mutate", "\"AdmissionReview\""u8.ToArray()),
        "wrong kind" => WebhookServer.Post("/mutate", Reviews.Derive(Orders, r => r["kind"] = "AdmissionRequest")),
        "missing request" => WebhookServer.Post("/mutate", Reviews.Derive(Orders, r => r.Remove("request"))),
        "missing uid" => WebhookServer.Post("/mutate", Reviews.Derive(Orders, r => r["request"]!.AsObject().Remove("uid"))),
        "missing object" => WebhookServer.Post("/mutate", Reviews.Derive(Orders, r => r["request"]!.AsObject().Remove("object"))),
        "non-pod kind" => WebhookServer.Post("/mutate", Reviews.Derive(Orders, r =>
        {
            r["request"]!["kind"]!["group"] = "apps";
            r["request"]!["kind"]!["kind"] = "Deployment";
        })),
        "GET" => new HttpRequestMessage(HttpMethod.Get, "/mutate"),
        "PUT" => new HttpRequestMessage(HttpMethod.Put, "/mutate") { Content = new ByteArrayContent(Reviews.Wire(Orders)) },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
    };
}
