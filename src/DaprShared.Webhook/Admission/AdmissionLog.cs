using Microsoft.Extensions.Logging;

namespace DaprShared.Webhook.Admission;

/// <summary>Admission log events (ids 100–199). Identify a request by uid, entry and decision; never log the pod
/// (its env can hold secrets) or the body.</summary>
internal static partial class AdmissionLog
{
    // Information only when the mutation failed, or when the pod got warnings and WarnedDecisionLogThrottle lets it
    // through (first time per namespace/app-id/reason, then once a minute): the ordinary decision is already counted
    // in dapr_shared_admissions_total, and one console line per pod costs more CPU than the decision itself
    // (measured with bench/run.sh: ~12 µs of ~42 µs per small review).
    [LoggerMessage(EventId = 100, Message = "Admission {Uid} ({Entry}) in {Namespace}: {Outcome} ({Reason}), app-id {AppId}, {PatchOperations} patch operations, {Warnings} warnings, dry-run {DryRun}")]
    public static partial void Answered(ILogger logger, LogLevel level, string? uid, AdmissionEntry entry, string? @namespace, string outcome, string reason, string? appId, int patchOperations, int warnings, bool dryRun);

    [LoggerMessage(101, LogLevel.Warning, "Rejected a request to {Path} (uid {Uid}) with HTTP {StatusCode} ({Reason}): {Message}")]
    public static partial void Rejected(ILogger logger, string path, string? uid, int statusCode, string reason, string? message);

    [LoggerMessage(102, LogLevel.Error, "Admission {Uid} ({Entry}): the mutation failed unexpectedly; the pod was admitted unchanged with a warning")]
    public static partial void MutationFault(ILogger logger, string? uid, AdmissionEntry entry);

    [LoggerMessage(103, LogLevel.Error, "Unexpected fault while answering a request to {Path}; answered HTTP 500 when still possible")]
    public static partial void HostFault(ILogger logger, string path, Exception exception);

    [LoggerMessage(104, LogLevel.Debug, "The client of a request to {Path} went away before it was answered")]
    public static partial void ClientGone(ILogger logger, string path);
}
