using System.Buffers;
using System.Net;
using DaprShared.Core.Admission;
using DaprShared.Core.Contract;
using DaprShared.TestData;
using DaprShared.Webhook.Admission;
using DaprShared.Webhook.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaprShared.Webhook.Tests.Admission;

/// <summary>The decision log (event 100) over real HTTPS: a pod with warnings is logged at Information the first time
/// and then throttled to Debug; a mutation fault is logged at Information every time.</summary>
public sealed class WarnedDecisionLogTests : IAsyncLifetime
{
    private const int Answered = 100;
    private const int MutationFault = 102;
    private const string WarnedPod = "checkout-pod.json"; // two warnings: dapr_injector_disabled, user_env_kept
    private const string FaultyPod = "payments-pod-dryrun.json";

    private readonly TestCertificates certificates = TestCertificates.CreateAuthority();
    private readonly SecretVolume volume = new();
    private WebhookServer server = null!;

    public async Task InitializeAsync()
    {
        volume.Write(certificates.IssueServing());
        server = await WebhookServer.StartAsync(
            ["--tls-cert-file", volume.CertFile, "--tls-key-file", volume.KeyFile],
            builder =>
            {
                builder.Services.AddSingleton<IAdmissionReviewer>(new FaultOnPaymentsReviewer());
                builder.Logging.AddFilter(typeof(AdmissionTransport).FullName, LogLevel.Debug); // to see the repeats
            });
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        volume.Dispose();
        certificates.Dispose();
    }

    [Fact]
    public async Task Mutate_SameWarnedPodRepeatedly_InformationOnceThenDebug()
    {
        using var client = server.CreateClient(certificates.Authority);

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.SendAsync(WebhookServer.Post("/mutate", Reviews.Wire(WarnedPod)));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var answered = server.Logs.WithEventId(Answered).Where(e => e.Message.Contains("app-id checkout", StringComparison.Ordinal)).ToList();
        answered.Should().HaveCount(3);
        answered.Count(e => e.Level == LogLevel.Information).Should().Be(1);
        answered.Count(e => e.Level == LogLevel.Debug).Should().Be(2);
        answered.First(e => e.Level == LogLevel.Information).Message.Should().Contain("2 warnings");
    }

    [Fact]
    public async Task Mutate_MutationFaultRepeatedly_InformationEveryTime()
    {
        using var client = server.CreateClient(certificates.Authority);

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.SendAsync(WebhookServer.Post("/mutate", Reviews.Wire(FaultyPod)));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        server.Logs.WithEventId(MutationFault).Should().HaveCount(3).And.OnlyContain(e => e.Level == LogLevel.Error);
        server.Logs.WithEventId(Answered).Where(e => e.Message.Contains(": error (internal_error)", StringComparison.Ordinal))
            .Should().HaveCount(3).And.OnlyContain(e => e.Level == LogLevel.Information);
    }

    /// <summary>The real core, except that the payments pod's mutation is reported as having failed (outcome Error),
    /// as the core does when the mutation throws.</summary>
    private sealed class FaultOnPaymentsReviewer : IAdmissionReviewer
    {
        public AdmissionReviewResult Review(ReadOnlyMemory<byte> body, bool namespaceOptedIn, ClusterSettings settings, IBufferWriter<byte> output)
        {
            var result = AdmissionReviewHandler.Handle(body, namespaceOptedIn, settings, output);
            return result.Injection?.AppId == "payments"
                ? result with { Injection = AdmissionReviewHandler.InternalError(new InvalidOperationException("injected fault")) }
                : result;
        }
    }
}
