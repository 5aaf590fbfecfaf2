using DaprShared.Core.Injection;

namespace DaprShared.Core.Manifests;

/// <summary>The mutated manifests and the decision on every pod template found in them.</summary>
/// <param name="Output">The input with every patched document rewritten; all other text kept byte for byte.</param>
/// <param name="Documents">How many YAML documents the input held.</param>
/// <param name="Decisions">One per pod template, in input order.</param>
public sealed record ManifestResult(string Output, int Documents, IReadOnlyList<TemplateDecision> Decisions)
{
    /// <summary>True when the injector or the patch failed on some template (that document is left unchanged).</summary>
    public bool HasErrors => Decisions.Any(decision => decision.Result.Outcome == InjectionOutcome.Error);
}
