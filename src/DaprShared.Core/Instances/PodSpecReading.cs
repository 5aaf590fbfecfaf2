namespace DaprShared.Core.Instances;

/// <summary>What a pod's annotations ask for. <see cref="Spec"/> is null when there is no usable app-id
/// (then <see cref="Problems"/> says why); otherwise invalid values were left out (so defaults apply) and listed.</summary>
public sealed record PodSpecReading(string? AppId, DaprSharedInstanceSpec? Spec, IReadOnlyList<SpecProblem> Problems);
