using System.Buffers;
using DaprShared.Core.Admission;
using DaprShared.Core.Contract;

namespace DaprShared.Webhook.Admission;

/// <summary>Reviews with <see cref="AdmissionReviewHandler"/>, the pure core.</summary>
public sealed class CoreAdmissionReviewer : IAdmissionReviewer
{
    public AdmissionReviewResult Review(ReadOnlyMemory<byte> body, bool namespaceOptedIn, ClusterSettings settings, IBufferWriter<byte> output) =>
        AdmissionReviewHandler.Handle(body, namespaceOptedIn, settings, output);
}
