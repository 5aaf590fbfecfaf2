using DaprShared.Core.Injection;

namespace DaprShared.Core.Admission;

/// <summary>The outcome of handling one AdmissionReview body.</summary>
/// <param name="Error">Set when the request is malformed: the host answers HTTP 400 with this message and
/// nothing was written to the output.</param>
/// <param name="Uid">The request uid, echoed in the response.</param>
/// <param name="Injection">The decision; null only when <paramref name="Error"/> is set.</param>
/// <param name="DryRun">The request's <c>dryRun</c>; nothing changes for it, since the webhook is pure.</param>
/// <param name="Namespace">The namespace of the pod, for logs.</param>
public sealed record AdmissionReviewResult(string? Error, string? Uid, InjectionResult? Injection, bool DryRun, string? Namespace = null)
{
    public bool IsBadRequest => Error is not null;
}
