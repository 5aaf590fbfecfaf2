using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using DaprShared.Webhook.Health;
using DaprShared.Webhook.Tests.Infrastructure;
using DaprShared.Webhook.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace DaprShared.Webhook.Tests.Tls;

/// <summary>A source may start without a certificate (self-managed TLS waiting for its Secret): handshakes are
/// refused quietly and readiness is false until it publishes one, which is then served without a restart.</summary>
public sealed class LateCertificateTests
{
    [Fact]
    public async Task Handshake_BeforeAndAfterTheSourcePublishes_RefusedThenServed()
    {
        using var certificates = TestCertificates.CreateAuthority();
        var source = new ManualSource();
        await using var server = await WebhookServer.StartAsync(["--tls-mode", "SelfManaged"], builder =>
        {
            foreach (var existing in builder.Services.Where(d => d.IsKeyedService && Equals(d.ServiceKey, TlsMode.SelfManaged)).ToList())
            {
                builder.Services.Remove(existing);
            }

            builder.Services.AddKeyedSingleton<IServingCertificateSource>(TlsMode.SelfManaged, source);
        });

        var early = () => TlsProbe.HandshakeAsync(server.Port);
        await early.Should().ThrowAsync<Exception>().Where(e => e is IOException || e is AuthenticationException);
        server.Logs.Entries.Should().NotContain(e => e.Level >= LogLevel.Error, "a refused handshake is not an error of the server");

        var pair = certificates.IssueServing("late");
        using var leaf = X509Certificate2.CreateFromPem(pair.Certificate, pair.Key);
        source.Slot.Publish(ServingCertificate.Create(leaf));

        (await TlsProbe.HandshakeAsync(server.Port)).Sha256.Should().Be(pair.Sha256);
        using var client = server.CreateClient(certificates.Authority);
        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        server.Logs.WithEventId(201).Should().ContainSingle().Which.Message.Should().Contain(pair.Sha256);
    }

    [Fact]
    public async Task ServingCertificateHealthCheck_NoCertificateYet_IsUnhealthy()
    {
        var check = new ServingCertificateHealthCheck(new ManualSource());

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("no serving certificate");
    }

    /// <summary>A certificate source the test publishes to by hand.</summary>
    private sealed class ManualSource : IServingCertificateSource
    {
        public ServingCertificateSlot Slot { get; } = new();

        public string Name => "manual";

        public ServingCertificate? Current => Slot.Current;

        public IChangeToken GetChangeToken() => Slot.GetChangeToken();

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
