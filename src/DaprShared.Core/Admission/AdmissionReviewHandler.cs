using System.Buffers;
using System.Text.Json;
using DaprShared.Core.Contract;
using DaprShared.Core.Injection;

namespace DaprShared.Core.Admission;

/// <summary>AdmissionReview v1 bytes in, AdmissionReview v1 bytes out. Pure: the host only moves bytes.
/// The body is scanned once, forward, keeping only the values the decision reads (<see cref="AdmissionRequestReader"/>),
/// so the cost in time is one validating pass and the cost in memory is what the patch adds, not the size of the pod.</summary>
public static class AdmissionReviewHandler
{
    /// <summary>Decodes the review, decides, and writes the response review to <paramref name="output"/>.
    /// A malformed review returns a result with <see cref="AdmissionReviewResult.Error"/> and writes nothing.
    /// An unexpected fault inside the mutation admits the pod unchanged with a warning
    /// (outcome <c>Error</c>, reason <c>internal_error</c>): the webhook must never block pod creation.</summary>
    public static AdmissionReviewResult Handle(
        ReadOnlyMemory<byte> body, bool namespaceOptedIn, ClusterSettings settings, IBufferWriter<byte> output)
    {
        AdmissionRequestReader.Request parsed;
        try
        {
            parsed = AdmissionRequestReader.Read(body);
        }
        catch (JsonException e)
        {
            return Bad($"the body is not valid JSON: {e.Message}");
        }

        if (parsed.Error is not null)
        {
            return Bad(parsed.Error, parsed.Uid);
        }

        var result = Decide(parsed, namespaceOptedIn, settings);
        AdmissionResponseWriter.Write(parsed.Uid!, result, output);
        return new AdmissionReviewResult(null, parsed.Uid, result, parsed.DryRun, parsed.Namespace);
    }

    private static InjectionResult Decide(in AdmissionRequestReader.Request request, bool namespaceOptedIn, ClusterSettings settings)
    {
        if (!request.IsPodCreate)
        {
            return new InjectionResult(InjectionOutcome.Skipped, ReasonCodes.UnsupportedOperation, null, null, [], []);
        }

        try
        {
            return PodInjector.Inject(request.Object!, request.Namespace!, namespaceOptedIn, settings);
        }
#pragma warning disable CA1031 // Any fault in the mutation must admit the pod, never fail the request.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return InternalError(e);
        }
    }

    /// <summary>The decision for a mutation that threw: admitted unchanged, with a warning.</summary>
    public static InjectionResult InternalError(Exception e) => new(
        InjectionOutcome.Error,
        ReasonCodes.InternalError,
        null,
        null,
        [],
        [$"dapr-shared: {ReasonCodes.InternalError}: the webhook failed ({e.GetType().Name}); pod admitted unchanged"]);

    private static AdmissionReviewResult Bad(string error, string? uid = null) => new(error, uid, null, false);
}
