using DaprShared.Core.Contract;
using DaprShared.Core.Patching;

namespace DaprShared.Core.Injection;

/// <summary>The decision on one pod: outcome, stable reason code, the RFC 6902 operations (empty unless
/// <see cref="InjectionOutcome.Patched"/>) and short admission warnings.</summary>
public sealed record InjectionResult(
    InjectionOutcome Outcome,
    string Reason,
    string? AppId,
    SharedStrategy? Strategy,
    IReadOnlyList<PatchOperation> Operations,
    IReadOnlyList<string> Warnings)
{
    public bool HasPatch => Operations.Count > 0;
}
