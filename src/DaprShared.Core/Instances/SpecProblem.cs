namespace DaprShared.Core.Instances;

/// <summary>One thing wrong with an instance spec or a pod's annotations. <see cref="Fatal"/> problems mean no
/// desired state can be built; the others were replaced by defaults. Messages never contain secrets.</summary>
/// <param name="Field">The spec field (<c>appPort</c>) or annotation key (<c>dapr-shared.io/app-port</c>).</param>
/// <param name="Message">Human-readable, one line, safe to put in an Event or a condition message.</param>
/// <param name="Fatal">True when the instance cannot be built at all.</param>
public sealed record SpecProblem(string Field, string Message, bool Fatal = false)
{
    public override string ToString() => $"{Field}: {Message}";
}
