using System.Net;
using DaprShared.Controller.Diagnostics;
using DaprShared.Kubernetes.Runtime;
using DaprShared.Webhook.Health;
using DaprShared.Webhook.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace DaprShared.Webhook.Tests.Health;

/// <summary>The controller's caches in <c>/readyz</c>: a blind leader is Degraded, with the resources and the
/// server's reason, but stays Ready (200): readiness gates admission, and admission does not need the controller.</summary>
public sealed class ControllerCachesHealthCheckTests
{
    private static readonly DateTimeOffset Since = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Check_NotReconciling_IsHealthyAndSaysWhy()
    {
        var status = new ControllerCacheStatus();
        status.SetIdle("not the leader: another replica reconciles");

        var result = ControllerCachesHealthCheck.Check(status);

        result.Status.Should().Be(HealthStatus.Healthy);
        result.Description.Should().Be("not reconciling on this replica: not the leader: another replica reconciles");
    }

    [Fact]
    public void Check_LeaderWithEveryCacheWatching_IsHealthy()
    {
        var status = new ControllerCacheStatus();
        status.Attach([StubInformer.Watching("instances"), StubInformer.Watching("pods")]);

        var result = ControllerCachesHealthCheck.Check(status);

        result.Status.Should().Be(HealthStatus.Healthy);
        result.Description.Should().Be("leader: all 2 caches synced and watching");
    }

    [Fact]
    public void Check_CachesListingOrFailing_IsDegradedNamingEachWithTheServerReason()
    {
        var status = new ControllerCacheStatus();
        status.Attach(
        [
            StubInformer.Watching("instances"),
            new StubInformer(new CacheStatus("pods", CacheState.Failing, true, 7, Since, "HTTP 406: the requested object is not a list")),
            new StubInformer(new CacheStatus("services", CacheState.Listing, false, 0, null, null)),
            new StubInformer(new CacheStatus("deployments", CacheState.Failing, false, 2, Since, "HTTP 403: deployments.apps is forbidden")),
        ]);

        var result = ControllerCachesHealthCheck.Check(status);

        result.Status.Should().Be(HealthStatus.Degraded, "a blind controller must not take the webhook out of service");
        result.Description.Should().Be(
            "leader, but 3 of 4 caches are not synced and watching (admission is not affected): "
            + "pods watch failing since 2026-03-01T12:00:00Z (7 failures): HTTP 406: the requested object is not a list; "
            + "services not synced (listing); "
            + "deployments not synced, list failing since 2026-03-01T12:00:00Z (2 failures): HTTP 403: deployments.apps is forbidden");
    }

    [Fact]
    public async Task Readyz_ControllerCacheFailing_Answers200WithTheDetail_ThenHealthyWhenItRecovers()
    {
        await using var server = await WebhookServer.StartAsync(["--tls-mode", "SelfSigned"]);
        var served = (await TlsProbe.HandshakeAsync(server.Port)).Certificate;
        using var client = server.CreateClient(served);
        var status = server.App.Services.GetRequiredService<ControllerCacheStatus>();

        var idle = await GetAsync(client);
        idle.Status.Should().Be(HttpStatusCode.OK);
        idle.Body.Should().StartWith("Healthy\n").And.Contain("controller-caches: Healthy - not reconciling on this replica: ");

        var pods = new StubInformer(new CacheStatus("pods", CacheState.Failing, true, 3, Since, "the stream ended after 0.002 s without any event"));
        status.Attach([StubInformer.Watching("instances"), pods]);
        var blind = await GetAsync(client);

        blind.Status.Should().Be(HttpStatusCode.OK, "Degraded keeps the replica in the Service");
        blind.Body.Should().StartWith("Degraded\n").And.Contain(
            "controller-caches: Degraded - leader, but 1 of 2 caches are not synced and watching (admission is not affected): "
            + "pods watch failing since 2026-03-01T12:00:00Z (3 failures): the stream ended after 0.002 s without any event");
        blind.Body.Should().Contain("serving-certificate: Healthy");
        server.Logs.Entries.Should().NotContain(
            e => e.Category.StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal) && e.Level == LogLevel.Warning,
            "the controller said it once at Warning; a Warning per probe would bury it");

        pods.Status = new CacheStatus("pods", CacheState.Watching, true, 0, null, null);
        var recovered = await GetAsync(client);

        recovered.Status.Should().Be(HttpStatusCode.OK);
        recovered.Body.Should().StartWith("Healthy\n").And.Contain("controller-caches: Healthy - leader: all 2 caches synced and watching");
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/readyz");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
