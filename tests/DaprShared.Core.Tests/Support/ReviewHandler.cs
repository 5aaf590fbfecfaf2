using System.Text.Json.Nodes;
using DaprShared.Core.Admission;
using DaprShared.Core.Contract;
using DaprShared.TestData;

namespace DaprShared.Core.Tests.Support;

/// <summary>Runs a review (a captured one from <see cref="Reviews"/>, or a variant of it) through the real handler.</summary>
internal static class ReviewHandler
{
    public static HandledReview Handle(JsonNode review, bool namespaceOptedIn = false, ClusterSettings? settings = null) =>
        Handle(Reviews.Wire(review), namespaceOptedIn, settings);

    public static HandledReview Handle(byte[] body, bool namespaceOptedIn = false, ClusterSettings? settings = null)
    {
        using var output = new PooledBufferWriter();
        var result = AdmissionReviewHandler.Handle(body, namespaceOptedIn, settings ?? new ClusterSettings(), output);
        var response = result.IsBadRequest ? null : JsonNode.Parse(output.WrittenSpan)!.AsObject();
        return new HandledReview(result, response);
    }
}
