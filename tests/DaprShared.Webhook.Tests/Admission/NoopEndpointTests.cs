using System.Net;
using DaprShared.TestData;
using DaprShared.Webhook.Admission;
using DaprShared.Webhook.Tests.Infrastructure;

namespace DaprShared.Webhook.Tests.Admission;

public sealed class NoopServerFixture : FilesServerFixture
{
    protected override string[] ExtraArguments => ["--benchmark-noop"];
}

/// <summary>/noop, the benchmark's ceiling: only with --benchmark-noop, and through the same guarded transport.</summary>
public sealed class NoopEndpointTests(NoopServerFixture fixture) : IClassFixture<NoopServerFixture>
{
    [Fact]
    public async Task Noop_WhenEnabled_AnswersTheFixedAllowedReview()
    {
        using var response = await fixture.Client.SendAsync(WebhookServer.Post("/noop?timeout=10s", Reviews.Wire("orders-deployment-pod.json")));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(NoopReview.Body.ToArray());
    }

    [Theory]
    [InlineData("text/plain", 415)]
    [InlineData(null, 415)]
    public async Task Noop_BadContentType_IsRejectedLikeMutate(string? contentType, int status)
    {
        using var response = await fixture.Client.SendAsync(WebhookServer.Post("/noop", Reviews.Wire("plain-pod.json"), contentType));

        ((int)response.StatusCode).Should().Be(status);
    }

    [Fact]
    public async Task Noop_EmptyBody_IsRejectedLikeMutate()
    {
        using var response = await fixture.Client.SendAsync(WebhookServer.Post("/noop", []));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Noop_NotCounted_AsAnAdmission()
    {
        using (await fixture.Client.SendAsync(WebhookServer.Post("/noop", Reviews.Wire("orders-deployment-pod.json"))))
        {
        }

        var metrics = await fixture.Client.GetStringAsync("/metrics");
        MetricsText.Value(metrics, "dapr_shared_admissions_total", ("result", "patched"), ("reason", "injected")).Should().BeNull();
    }
}

/// <summary>Without the switch, /noop does not exist.</summary>
public sealed class NoopEndpointAbsentTests(FilesServerFixture fixture) : IClassFixture<FilesServerFixture>
{
    [Fact]
    public async Task Noop_ByDefault_IsNotMapped()
    {
        using var response = await fixture.Client.SendAsync(WebhookServer.Post("/noop", Reviews.Wire("orders-deployment-pod.json")));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
