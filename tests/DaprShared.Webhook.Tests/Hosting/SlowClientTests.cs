using System.Net;
using System.Text;
using DaprShared.TestData;
using DaprShared.Webhook.Hosting;
using DaprShared.Webhook.Tests.Infrastructure;

namespace DaprShared.Webhook.Tests.Hosting;

/// <summary>A client that sends slowly is cut off instead of holding a connection, and the server keeps serving.</summary>
public sealed class SlowClientTests(FilesServerFixture fixture) : IClassFixture<FilesServerFixture>
{
    [Fact]
    public async Task Connection_HeadersNeverFinished_IsClosedAfterTheHeaderTimeout()
    {
        await using var connection = await RawHttps.ConnectAsync(fixture.Server.Port);
        await connection.SendAsync("POST /mutate HTTP/1.1\r\nHost: localhost\r\n");

        var (_, closed) = await connection.ReadUntilClosedAsync(WebhookKestrelSetup.RequestHeadersTimeout + TimeSpan.FromSeconds(5));

        closed.Should().BeTrue();
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Connection_BodyTrickling_IsCutOff()
    {
        await using var connection = await RawHttps.ConnectAsync(fixture.Server.Port);
        await connection.SendAsync("POST /mutate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
        var trickle = Task.Run(async () =>
        {
            try
            {
                for (var i = 0; i < 30; i++)
                {
                    await connection.SendAsync(" "u8.ToArray());
                    await Task.Delay(500);
                }
            }
            catch (IOException)
            {
                // cut off, as intended
            }
        });

        var (text, closed) = await connection.ReadUntilClosedAsync(TimeSpan.FromSeconds(12));

        closed.Should().BeTrue("a body arriving at 2 bytes a second is below the minimum data rate");
        if (text.Length > 0)
        {
            text.Should().MatchRegex("^HTTP/1.1 4[0-9][0-9]");
        }

        await trickle;
        await AssertStillServingAsync();
    }

    private async Task AssertStillServingAsync()
    {
        using var response = await fixture.Client.SendAsync(WebhookServer.Post("/mutate", Reviews.Wire("orders-deployment-pod.json")));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).Should().Contain("\"uid\"");
    }
}
