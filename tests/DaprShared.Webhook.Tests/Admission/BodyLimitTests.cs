using System.Net;
using System.Text;
using DaprShared.TestData;
using DaprShared.Webhook.Tests.Infrastructure;

namespace DaprShared.Webhook.Tests.Admission;

public sealed class SmallBodyLimitServerFixture : FilesServerFixture
{
    public const int Limit = 16 * 1024;

    protected override string[] ExtraArguments => [$"--Admission:MaxRequestBodyBytes={Limit}"];
}

/// <summary>The body limit holds however the size is announced: honest Content-Length, none (chunked), or a lie.</summary>
public sealed class BodyLimitTests(SmallBodyLimitServerFixture fixture) : IClassFixture<SmallBodyLimitServerFixture>
{
    private const int Limit = SmallBodyLimitServerFixture.Limit;

    [Fact]
    public async Task Mutate_BodyExactlyAtLimit_IsAnswered()
    {
        using var response = await fixture.Client.SendAsync(WebhookServer.Post("/mutate", Padded(Limit)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Mutate_ContentLengthOverLimit_Answers413WithMessageAndCloses()
    {
        using var response = await fixture.Client.SendAsync(WebhookServer.Post("/mutate", Padded(Limit + 1)));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"larger than {Limit} bytes");
        response.Headers.ConnectionClose.Should().BeTrue();
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Mutate_ChunkedBodyOverLimit_Answers413()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mutate") { Content = new StreamContent(new MemoryStream(Padded(Limit * 3))) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await fixture.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().Contain("larger than");
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Mutate_ContentLengthLargerThanBodySent_IsRejectedWithoutHangingOrCrashing()
    {
        var body = Reviews.Wire("orders-deployment-pod.json");
        await using (var connection = await RawHttps.ConnectAsync(fixture.Server.Port))
        {
            await connection.SendAsync(Head(body.Length + 500));
            await connection.SendAsync(body);
            await connection.Stream.ShutdownAsync(); // no more bytes are coming: the body is short

            var (text, closed) = await connection.ReadUntilClosedAsync(TimeSpan.FromSeconds(10));

            closed.Should().BeTrue("the server must not wait forever for bytes that will not come");
            if (text.Length > 0)
            {
                text.Should().StartWith("HTTP/1.1 400");
            }
        }

        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Mutate_ContentLengthSmallerThanBodySent_ReadsOnlyTheDeclaredBytes()
    {
        var body = Reviews.Wire("orders-deployment-pod.json");
        await using (var connection = await RawHttps.ConnectAsync(fixture.Server.Port))
        {
            await connection.SendAsync(Head(body.Length / 2));
            await connection.SendAsync(body);

            var (text, _) = await connection.ReadUntilClosedAsync(TimeSpan.FromSeconds(10));

            text.Should().StartWith("HTTP/1.1 400").And.Contain("not valid JSON");
        }

        await AssertStillServingAsync();
    }

    private static string Head(int contentLength) =>
        $"POST /mutate?timeout=10s HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {contentLength}\r\n\r\n";

    // A real review padded with trailing whitespace (valid JSON) to exactly `size` bytes.
    private static byte[] Padded(int size)
    {
        var review = Reviews.Wire("orders-deployment-pod.json");
        review.Length.Should().BeLessThan(size);
        var padded = new byte[size];
        review.CopyTo(padded, 0);
        padded.AsSpan(review.Length).Fill((byte)' ');
        return padded;
    }

    private async Task AssertStillServingAsync()
    {
        using var response = await fixture.Client.SendAsync(WebhookServer.Post("/mutate", Reviews.Wire("orders-deployment-pod.json")));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).Should().Contain("\"allowed\":true");
    }
}
