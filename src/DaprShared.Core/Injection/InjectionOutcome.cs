namespace DaprShared.Core.Injection;

/// <summary>What happened to a pod. The metrics <c>result</c> label uses the lower-case names.</summary>
public enum InjectionOutcome
{
    /// <summary>Not for us, or opted in but unusable: admitted unchanged (with a warning when opted in).</summary>
    Skipped,

    /// <summary>Opted in and changed: the result carries a patch.</summary>
    Patched,

    /// <summary>Opted in and already as it should be: no patch (idempotency).</summary>
    Unchanged,

    /// <summary>The mutation failed unexpectedly; admitted unchanged with a warning.</summary>
    Error,
}

public static class InjectionOutcomeNames
{
    public static string ToValue(this InjectionOutcome outcome) => outcome switch
    {
        InjectionOutcome.Patched => "patched",
        InjectionOutcome.Unchanged => "unchanged",
        InjectionOutcome.Error => "error",
        _ => "skipped",
    };
}
