using System.Net;
using DaprShared.Webhook.Health;
using DaprShared.Webhook.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DaprShared.Webhook.Tests.Health;

public sealed class HealthEndpointTests(FilesServerFixture fixture) : IClassFixture<FilesServerFixture>
{
    [Fact]
    public async Task Healthz_Running_IsHealthy()
    {
        using var response = await fixture.Client.GetAsync("/healthz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().StartWith("Healthy");
    }

    [Fact]
    public async Task Readyz_CertificateLoaded_IsReadyAndNamesTheCertificate()
    {
        using var response = await fixture.Client.GetAsync("/readyz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().StartWith("Healthy").And.Contain("serving-certificate: Healthy").And.Contain("(files)");
    }
}

/// <summary>Readiness is open to other components: a failing check tagged ready makes /readyz 503, while /healthz,
/// which restarts the pod when it fails, stays 200.</summary>
public sealed class HealthTagTests
{
    [Fact]
    public async Task Readyz_AnotherReadyCheckFails_Is503AndSaysWhy_WhileHealthzStays200()
    {
        await using var server = await WebhookServer.StartAsync(
            ["--tls-mode", "SelfSigned"],
            builder => builder.Services.AddHealthChecks().AddCheck(
                "controller", () => HealthCheckResult.Unhealthy("no leader lease yet"), tags: [HealthTags.Ready]));
        var served = (await TlsProbe.HandshakeAsync(server.Port)).Certificate;
        using var client = server.CreateClient(served);

        using var ready = await client.GetAsync("/readyz");
        using var live = await client.GetAsync("/healthz");

        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("controller: Unhealthy - no leader lease yet");
        live.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
