using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using DaprShared.Webhook.Tests.Infrastructure;

namespace DaprShared.Webhook.Tests.Tls;

/// <summary>TLS 1.2 and 1.3, HTTP/1.1 only.</summary>
public sealed class TlsProtocolTests(FilesServerFixture fixture) : IClassFixture<FilesServerFixture>
{
    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Handshake_Tls12Or13_Succeeds(SslProtocols protocol)
    {
        var handshake = await TlsProbe.HandshakeAsync(fixture.Server.Port, protocol);

        handshake.Protocol.Should().Be(protocol);
    }

    [Fact]
    public async Task Handshake_ClientOffersHttp2_NegotiatesHttp11()
    {
        var handshake = await TlsProbe.HandshakeAsync(
            fixture.Server.Port, applicationProtocols: [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11]);

        handshake.ApplicationProtocol.Should().Be(SslApplicationProtocol.Http11);
    }

    [Fact]
    public async Task Request_Http2Preferred_IsServedOverHttp11()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };

        using var response = await fixture.Client.SendAsync(request);

        response.Version.Should().Be(HttpVersion.Version11);
    }

    [Fact]
    public async Task Request_ClientTrustingAnotherCa_IsRefused()
    {
        // The counter-test of every trusted request here: validation is real, so a wrong root fails.
        using var otherCa = TestCertificates.CreateAuthority("some other CA");
        using var client = fixture.Server.CreateClient(otherCa.Authority);

        var call = () => client.GetAsync("/healthz");

        await call.Should().ThrowAsync<HttpRequestException>();
    }
}
