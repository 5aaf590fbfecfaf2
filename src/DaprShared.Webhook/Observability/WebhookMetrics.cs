using Prometheus;

namespace DaprShared.Webhook.Observability;

/// <summary>Every metric the webhook host exports, defined in one place. Label values are stable: results are
/// <c>InjectionOutcome.ToValue()</c>, reasons are <c>ReasonCodes</c> or the transport's rejection reasons.</summary>
public sealed class WebhookMetrics
{
    private readonly Counter admissions;
    private readonly Histogram duration;
    private readonly Counter badRequests;
    private readonly Counter internalErrors;
    private readonly Gauge certificateExpiry;
    private readonly Counter certificateReloads;

    public WebhookMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);

        admissions = factory.CreateCounter(
            "dapr_shared_admissions_total",
            "Admission reviews answered, by result (patched, unchanged, skipped, error) and reason code.",
            ["result", "reason"]);

        // Deciding on a pod takes microseconds; the upper buckets are for a starved process, up to the API server's
        // webhook timeout.
        duration = factory.CreateHistogram(
            "dapr_shared_admission_duration_seconds",
            "Time from receiving an admission request to the response being written, for answered reviews.",
            new HistogramConfiguration
            {
                Buckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
            });

        badRequests = factory.CreateCounter(
            "dapr_shared_admission_bad_requests_total",
            "Requests to the admission endpoints rejected with HTTP 4xx, by reason.",
            ["reason"]);

        internalErrors = factory.CreateCounter(
            "dapr_shared_admission_internal_errors_total",
            "Unexpected faults: in the mutation (stage=mutation: pod admitted unchanged with a warning) or in the host (stage=host: HTTP 500).",
            ["stage"]);

        certificateExpiry = factory.CreateGauge(
            "dapr_shared_certificate_expiry_timestamp_seconds",
            "Unix time at which the serving certificate in use expires (in the past: it has expired and is still served).");

        certificateReloads = factory.CreateCounter(
            "dapr_shared_certificate_reloads_total",
            "Serving certificates loaded (result=loaded) and changed files that could not be used (result=rejected).",
            ["result"]);

        // Series that alerts watch exist from the start at 0, so increase() sees the first fault.
        internalErrors.WithLabels("mutation");
        internalErrors.WithLabels("host");
        certificateReloads.WithLabels("rejected");
    }

    public void AdmissionAnswered(string result, string reason, TimeSpan elapsed)
    {
        admissions.WithLabels([result, reason]).Inc(); // span overload: no array allocated per request
        duration.Observe(elapsed.TotalSeconds);
    }

    public void BadRequest(string reason) => badRequests.WithLabels([reason]).Inc();

    public void MutationFault() => internalErrors.WithLabels(["mutation"]).Inc();

    public void HostFault() => internalErrors.WithLabels(["host"]).Inc();

    public void CertificateServed(DateTimeOffset notAfter) => certificateExpiry.Set(notAfter.ToUnixTimeSeconds());

    public void CertificateReloaded(bool loaded) => certificateReloads.WithLabels(loaded ? "loaded" : "rejected").Inc();
}
