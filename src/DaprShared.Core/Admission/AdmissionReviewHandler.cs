using System.Buffers;
using DaprShared.Core.Contract;

namespace DaprShared.Core.Admission;

/// <summary>AdmissionReview v1 bytes in, AdmissionReview v1 bytes out. Pure: the host only moves bytes.</summary>
public static class AdmissionReviewHandler
{
    /// <summary>Decodes the review, decides, and writes the response review to <paramref name="output"/>.
    /// A malformed review returns a result with <see cref="AdmissionReviewResult.Error"/> and writes nothing.
    /// An unexpected fault inside the mutation admits the pod unchanged with a warning
    /// (outcome <c>Error</c>, reason <c>internal_error</c>): the webhook must never block pod creation.</summary>
    public static AdmissionReviewResult Handle(
        ReadOnlyMemory<byte> body, bool namespaceOptedIn, ClusterSettings settings, IBufferWriter<byte> output) =>
        throw new NotImplementedException("being written");
}
