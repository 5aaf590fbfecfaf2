namespace DaprShared.Core.Injection;

/// <summary>The opt-in rule (DESIGN §2). The pod annotation wins over the namespace label. Only <c>true</c> and
/// <c>false</c> count, compared case-insensitively and without trimming: exactly what the webhook's
/// matchCondition (<c>lowerAscii() == 'true'</c>) sends us, so the CLI and the cluster agree.</summary>
internal static class OptIn
{
    public static (bool OptedIn, string? SkipReason) Decide(string? enabledAnnotation, bool namespaceOptedIn)
    {
        if (enabledAnnotation is null)
        {
            return namespaceOptedIn ? (true, null) : (false, ReasonCodes.NotOptedIn);
        }

        if (string.Equals(enabledAnnotation, "true", StringComparison.OrdinalIgnoreCase))
        {
            return (true, null);
        }

        return string.Equals(enabledAnnotation, "false", StringComparison.OrdinalIgnoreCase)
            ? (false, ReasonCodes.OptedOut)
            : (false, ReasonCodes.InvalidEnabledValue);
    }

    /// <summary>Dapr's own truthiness for <c>dapr.io/enabled</c> (its <c>utils.IsTruthy</c>): anything Dapr's sidecar
    /// injector would act on must be neutralised.</summary>
    public static bool IsDaprTruthy(string? value) =>
        value?.Trim().ToLowerInvariant() is "y" or "yes" or "true" or "on" or "1";
}
