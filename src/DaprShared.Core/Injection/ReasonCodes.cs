namespace DaprShared.Core.Injection;

/// <summary>Stable snake_case reason codes for every decision: used in logs, the metrics <c>reason</c> label,
/// admission warnings and <c>explain</c>. Never rename one: dashboards and alerts depend on them.</summary>
public static class ReasonCodes
{
    // The pod was changed.
    public const string Injected = "injected";

    // Opted in, but everything was already in place (the webhook's own output, or a user who set it all).
    public const string AlreadyInjected = "already_injected";

    // The pod was admitted unchanged.
    public const string NotOptedIn = "not_opted_in";
    public const string OptedOut = "opted_out";
    public const string InvalidEnabledValue = "invalid_enabled_value";
    public const string MissingAppId = "missing_app_id";
    public const string InvalidAppId = "invalid_app_id";
    public const string InvalidStrategy = "invalid_strategy";
    public const string DaprSidecarPresent = "dapr_sidecar_present";
    public const string NoContainers = "no_containers";

    // Not a pod creation (an UPDATE or a subresource reached us through a misconfigured webhook): never touched.
    public const string UnsupportedOperation = "unsupported_operation";

    // The mutation itself failed unexpectedly: admitted unchanged, counted, warned.
    public const string InternalError = "internal_error";

    // Warnings on a pod that was injected, but not entirely as asked.
    public const string UserEnvKept = "user_env_kept";
    public const string DaprInjectorDisabled = "dapr_injector_disabled";
    public const string InvalidAnnotation = "invalid_annotation";
    public const string LabelReplaced = "label_replaced";
}
