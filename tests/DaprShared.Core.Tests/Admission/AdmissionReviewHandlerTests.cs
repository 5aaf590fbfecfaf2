using System.Text;
using System.Text.Json.Nodes;
using DaprShared.Core.Admission;
using DaprShared.Core.Injection;
using DaprShared.Core.Tests.Support;
using DaprShared.TestData;

namespace DaprShared.Core.Tests.Admission;

/// <summary>Malformed reviews get one clear sentence (the host's HTTP 400 body) and nothing is written.</summary>
public sealed class AdmissionReviewHandlerTests
{
    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "must be a JSON object, not an array")]
    [InlineData("\"review\"", "must be a JSON object, not a string")]
    [InlineData("{}", "expected kind AdmissionReview")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{}}""", "admission.k8s.io/v1beta1")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""", "request is missing")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"kind":{"kind":"Pod"}}}""", "request.uid is missing")]
    public void Handle_MalformedEnvelope_ClearError(string body, string expected)
    {
        var handled = ReviewHandler.Handle(Encoding.UTF8.GetBytes(body));

        handled.Result.IsBadRequest.Should().BeTrue();
        handled.Result.Error.Should().Contain(expected);
        handled.Review.Should().BeNull("nothing is written for a bad request");
    }

    [Fact]
    public void Handle_MissingObject_ClearErrorWithUid()
    {
        var review = Reviews.Load(Reviews.Orders);
        review["request"]!.AsObject().Remove("object");

        var handled = ReviewHandler.Handle(review);

        handled.Result.Error.Should().Be("request.object is missing or not an object");
        handled.Result.Uid.Should().Be(review["request"]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public void Handle_NonPodKind_ClearError()
    {
        var review = Reviews.Load(Reviews.Orders);
        review["request"]!["kind"] = new JsonObject { ["group"] = "apps", ["version"] = "v1", ["kind"] = "Deployment" };

        ReviewHandler.Handle(review).Result.Error.Should().Contain("only core/v1 Pods").And.Contain("\"apps\"/\"Deployment\"");
    }

    [Fact]
    public void Handle_MissingNamespace_FallsBackToObjectNamespace()
    {
        var review = Reviews.Load(Reviews.Orders);
        review["request"]!.AsObject().Remove("namespace");
        Reviews.PodOf(review)["metadata"]!["namespace"] = "billing";

        var handled = ReviewHandler.Handle(review);

        handled.Env(review, "containers", 0, "DAPR_HTTP_ENDPOINT").Should().Contain(".billing.svc.");
    }

    [Fact]
    public void Handle_NoNamespaceAnywhere_ClearError()
    {
        var review = Reviews.Load(Reviews.Orders);
        review["request"]!.AsObject().Remove("namespace");
        Reviews.PodOf(review)["metadata"]!.AsObject().Remove("namespace");

        ReviewHandler.Handle(review).Result.Error.Should().Be("request.namespace is missing");
    }

    [Fact]
    public void Handle_NestingBeyondLimit_ClearErrorNoCrash()
    {
        var body = Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000));

        ReviewHandler.Handle(body).Result.Error.Should().Contain("not valid JSON");
    }

    [Theory]
    [InlineData("UPDATE", null)]
    [InlineData("CREATE", "binding")]
    public void Handle_NotAPodCreate_AllowedUntouched(string operation, string? subResource)
    {
        var review = Reviews.Load(Reviews.Orders);
        review["request"]!["operation"] = operation;
        if (subResource is not null)
        {
            review["request"]!["subResource"] = subResource;
        }

        var handled = ReviewHandler.Handle(review);

        handled.Reason.Should().Be(ReasonCodes.UnsupportedOperation);
        handled.Response["allowed"]!.GetValue<bool>().Should().BeTrue();
        handled.Response["patch"].Should().BeNull();
    }

    [Fact]
    public void InternalError_AdmitsUnchangedWithWarning()
    {
        var result = AdmissionReviewHandler.InternalError(new InvalidOperationException("boom"));
        using var output = new PooledBufferWriter();

        AdmissionResponseWriter.Write("u1", result, output);

        var response = JsonNode.Parse(output.WrittenSpan)!["response"]!;
        response["allowed"]!.GetValue<bool>().Should().BeTrue();
        response["patch"].Should().BeNull();
        response["warnings"]![0]!.GetValue<string>().Should().StartWith("dapr-shared: internal_error:").And.NotContain("boom");
        result.Outcome.Should().Be(InjectionOutcome.Error);
    }
}
