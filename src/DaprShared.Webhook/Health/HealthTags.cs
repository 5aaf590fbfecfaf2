namespace DaprShared.Webhook.Health;

/// <summary>Tags that put a health check behind an endpoint. Components add their own checks with
/// <c>services.AddHealthChecks().AddCheck&lt;T&gt;(name, tags: [HealthTags.Ready])</c>.</summary>
public static class HealthTags
{
    /// <summary>Checked by <c>/readyz</c>: may this replica receive admission requests now?</summary>
    public const string Ready = "ready";

    /// <summary>Checked by <c>/healthz</c>: should the process be restarted if this fails? Use sparingly: a
    /// liveness failure restarts the pod.</summary>
    public const string Live = "live";
}
