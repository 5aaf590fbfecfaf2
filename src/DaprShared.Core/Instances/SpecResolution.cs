namespace DaprShared.Core.Instances;

/// <summary>A resolved spec (null when a fatal problem prevents one) and every problem found on the way.</summary>
public sealed record SpecResolution(ResolvedInstanceSpec? Spec, IReadOnlyList<SpecProblem> Problems)
{
    public bool IsValid => Spec is not null;
}
