using DaprShared.Core.Admission;
using DaprShared.Core.Contract;

namespace DaprShared.Benchmarks.Corpus;

/// <summary>Runs a case once and fails loudly if it does not take the path it is named after.</summary>
public static class CaseCheck
{
    public static void Verify(ReviewCase review, ClusterSettings settings)
    {
        using var output = new PooledBufferWriter(64 * 1024);
        var result = AdmissionReviewHandler.Handle(review.Body, review.NamespaceOptedIn, settings, output);
        if (result.Error is not null)
        {
            throw new InvalidOperationException($"{review.Name}: rejected as bad input: {result.Error}");
        }

        var outcome = result.Injection!.Outcome;
        if (review.Expected is { } expected && outcome != expected)
        {
            throw new InvalidOperationException(
                $"{review.Name}: expected {expected}, got {outcome} ({result.Injection.Reason})");
        }
    }
}
