using System.Buffers;
using System.Net;
using DaprShared.Core.Admission;
using DaprShared.Core.Contract;
using DaprShared.TestData;
using DaprShared.Webhook.Admission;
using DaprShared.Webhook.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DaprShared.Webhook.Tests.Admission;

/// <summary>An unexpected fault in the host (injected through the reviewer seam) becomes HTTP 500, is counted and
/// logged, and the process goes on serving.</summary>
public sealed class HostFaultTests : IAsyncLifetime
{
    private readonly TestCertificates certificates = TestCertificates.CreateAuthority();
    private readonly SecretVolume volume = new();
    private readonly FaultOnceReviewer reviewer = new();
    private WebhookServer server = null!;

    public async Task InitializeAsync()
    {
        volume.Write(certificates.IssueServing());
        server = await WebhookServer.StartAsync(
            ["--tls-cert-file", volume.CertFile, "--tls-key-file", volume.KeyFile],
            builder => builder.Services.AddSingleton<IAdmissionReviewer>(reviewer));
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        volume.Dispose();
        certificates.Dispose();
    }

    [Fact]
    public async Task Mutate_HostFault_Answers500CountsLogsAndKeepsServing()
    {
        using var client = server.CreateClient(certificates.Authority);
        var body = Reviews.Wire("orders-deployment-pod.json");

        using (var failed = await client.SendAsync(WebhookServer.Post("/mutate", body)))
        {
            failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
            var text = await failed.Content.ReadAsStringAsync();
            text.Should().Contain("internal error").And.NotContain(FaultOnceReviewer.Secret, "fault details stay in the log");
        }

        using (var next = await client.SendAsync(WebhookServer.Post("/mutate", body)))
        {
            next.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var metrics = await client.GetStringAsync("/metrics");
        MetricsText.Value(metrics, "dapr_shared_admission_internal_errors_total", ("stage", "host")).Should().Be(1);
        server.Logs.WithEventId(103).Should().ContainSingle().Which.Exception.Should().BeOfType<InvalidOperationException>();
    }

    /// <summary>Throws on the first review, then reviews with the real core.</summary>
    private sealed class FaultOnceReviewer : IAdmissionReviewer
    {
        public const string Secret = "injected-fault-detail";
        private int calls;

        public AdmissionReviewResult Review(ReadOnlyMemory<byte> body, bool namespaceOptedIn, ClusterSettings settings, IBufferWriter<byte> output) =>
            Interlocked.Increment(ref calls) == 1
                ? throw new InvalidOperationException(Secret)
                : AdmissionReviewHandler.Handle(body, namespaceOptedIn, settings, output);
    }
}
