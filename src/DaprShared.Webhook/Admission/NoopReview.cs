namespace DaprShared.Webhook.Admission;

/// <summary>The fixed answer of the benchmark's <c>/noop</c> endpoint: an allowed AdmissionReview v1 response
/// with an empty uid. Nothing in the body is parsed, so a real API server would reject it (the uid is not
/// echoed): it measures only the transport, which is why <c>/noop</c> is never mapped in production.</summary>
public static class NoopReview
{
    public static ReadOnlyMemory<byte> Body { get; } =
        """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"","allowed":true}}"""u8.ToArray();
}
