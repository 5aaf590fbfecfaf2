using DaprShared.Core.Injection;

namespace DaprShared.Benchmarks.Corpus;

/// <summary>The benchmark corpus: every captured review in wire form, and the generated large pod opted in and not.</summary>
public static class ReviewCases
{
    public const int LargeContainers = 10;
    public const int LargeEnvPerContainer = 1000;

    // What each captured review must do (see tests/DaprShared.TestData/admission/README.md). A capture not listed
    // here is benchmarked without an expectation rather than refused, so new captures are picked up.
    private static readonly Dictionary<string, InjectionOutcome> CapturedOutcomes = new(StringComparer.Ordinal)
    {
        ["checkout-pod"] = InjectionOutcome.Patched,
        ["orders-deployment-pod"] = InjectionOutcome.Patched,
        ["payments-pod-dryrun"] = InjectionOutcome.Patched,
        ["plain-pod"] = InjectionOutcome.Skipped,
        ["thumbnailer-job-pod"] = InjectionOutcome.Patched,
    };

    public static IReadOnlyList<ReviewCase> All()
    {
        var cases = new List<ReviewCase>();
        foreach (var (name, path) in RepositoryFiles.CapturedReviews())
        {
            var expected = CapturedOutcomes.TryGetValue(name, out var outcome) ? outcome : (InjectionOutcome?)null;
            cases.Add(new ReviewCase(name, WireJson.Compact(File.ReadAllBytes(path)), false, expected));
        }

        cases.Add(Large(optedIn: true));
        cases.Add(Large(optedIn: false));
        return cases;
    }

    public static ReviewCase Large(bool optedIn, int envPerContainer = LargeEnvPerContainer) => new(
        $"large-{LargeContainers}x{envPerContainer}-{(optedIn ? "opted-in" : "not-opted-in")}",
        LargePod.Review(LargeContainers, envPerContainer, optedIn),
        false,
        optedIn ? InjectionOutcome.Patched : InjectionOutcome.Skipped);
}
