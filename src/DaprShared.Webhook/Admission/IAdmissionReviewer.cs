using System.Buffers;
using DaprShared.Core.Admission;
using DaprShared.Core.Contract;

namespace DaprShared.Webhook.Admission;

/// <summary>The seam between the transport and the pure core. Production uses <see cref="CoreAdmissionReviewer"/>;
/// the seam exists so tests can inject a fault and prove the transport contains it.</summary>
public interface IAdmissionReviewer
{
    AdmissionReviewResult Review(ReadOnlyMemory<byte> body, bool namespaceOptedIn, ClusterSettings settings, IBufferWriter<byte> output);
}
