namespace DaprShared.Core.Instances;

/// <summary>The builder's answer: a desired state, or why there is none. <see cref="Problems"/> may be non-empty
/// even with a state (values that were replaced by defaults); report them, e.g. in an Event.</summary>
public sealed record DesiredStateResult(DesiredState? State, IReadOnlyList<SpecProblem> Problems)
{
    public bool IsValid => State is not null;
}
