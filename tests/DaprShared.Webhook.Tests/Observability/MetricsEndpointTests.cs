using System.Net;
using DaprShared.TestData;
using DaprShared.Webhook.Tests.Infrastructure;

namespace DaprShared.Webhook.Tests.Observability;

/// <summary>/metrics exposes the admission metrics, and they move with what the server does. The server under test
/// has a registry of its own, so every count below is caused by this class's requests.</summary>
public sealed class MetricsEndpointTests(FilesServerFixture fixture) : IClassFixture<FilesServerFixture>
{
    [Fact]
    public async Task Metrics_AfterAdmissionsAndRejections_CountEachByResultAndReason()
    {
        var before = await ScrapeAsync();

        await PostAsync("/mutate?timeout=10s", Reviews.Wire("orders-deployment-pod.json"));
        await PostAsync("/mutate?timeout=10s", Reviews.Wire("plain-pod.json"));
        await PostAsync("/mutate", Reviews.Wire("plain-pod.json"), "text/plain");
        await PostAsync("/mutate", "[]"u8.ToArray());

        var after = await ScrapeAsync();
        Delta(before, after, "dapr_shared_admissions_total", ("result", "patched"), ("reason", "injected")).Should().Be(1);
        Delta(before, after, "dapr_shared_admissions_total", ("result", "skipped"), ("reason", "not_opted_in")).Should().Be(1);
        Delta(before, after, "dapr_shared_admission_duration_seconds_count").Should().Be(2);
        Delta(before, after, "dapr_shared_admission_bad_requests_total", ("reason", "unsupported_media_type")).Should().Be(1);
        Delta(before, after, "dapr_shared_admission_bad_requests_total", ("reason", "malformed_review")).Should().Be(1);
    }

    [Fact]
    public async Task Metrics_Histogram_HasSubMillisecondToOneSecondBuckets()
    {
        await PostAsync("/mutate", Reviews.Wire("orders-deployment-pod.json"));

        var text = await ScrapeAsync();

        MetricsText.Value(text, "dapr_shared_admission_duration_seconds_bucket", ("le", "0.0001")).Should().NotBeNull();
        MetricsText.Value(text, "dapr_shared_admission_duration_seconds_bucket", ("le", "1")).Should().NotBeNull();
    }

    [Fact]
    public async Task Metrics_CertificateExpiry_IsTheServedCertificatesNotAfter()
    {
        var served = await TlsProbe.HandshakeAsync(fixture.Server.Port);

        var text = await ScrapeAsync();

        MetricsText.Value(text, "dapr_shared_certificate_expiry_timestamp_seconds")
            .Should().Be(new DateTimeOffset(served.Certificate.NotAfter.ToUniversalTime()).ToUnixTimeSeconds());
        MetricsText.Value(text, "dapr_shared_certificate_reloads_total", ("result", "loaded")).Should().Be(1);
    }

    [Fact]
    public async Task Metrics_FaultSeries_ExistAtZeroBeforeAnyFault()
    {
        // So that an alert on increase(...) fires on the very first fault.
        var text = await ScrapeAsync();

        MetricsText.Value(text, "dapr_shared_admission_internal_errors_total", ("stage", "host")).Should().Be(0);
        MetricsText.Value(text, "dapr_shared_admission_internal_errors_total", ("stage", "mutation")).Should().Be(0);
        MetricsText.Value(text, "dapr_shared_certificate_reloads_total", ("result", "rejected")).Should().Be(0);
    }

    [Fact]
    public async Task Metrics_Endpoint_IsPrometheusText()
    {
        using var response = await fixture.Client.GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await response.Content.ReadAsStringAsync()).Should().Contain("# TYPE dapr_shared_admissions_total counter");
    }

    private static double Delta(string before, string after, string name, params (string, string)[] labels) =>
        (MetricsText.Value(after, name, labels) ?? 0) - (MetricsText.Value(before, name, labels) ?? 0);

    private async Task<string> ScrapeAsync() => await fixture.Client.GetStringAsync("/metrics");

    private async Task PostAsync(string path, byte[] body, string contentType = "application/json")
    {
        using var response = await fixture.Client.SendAsync(WebhookServer.Post(path, body, contentType));
    }
}
