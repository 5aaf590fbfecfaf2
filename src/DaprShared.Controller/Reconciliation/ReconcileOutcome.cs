using DaprShared.Controller.Diagnostics;

namespace DaprShared.Controller.Reconciliation;

/// <summary>How a reconcile ended (the metrics label) and whether to look again later without an event.</summary>
internal sealed record ReconcileOutcome(string Result, TimeSpan? RequeueAfter = null)
{
    public static ReconcileOutcome Success { get; } = new(ControllerMetrics.ResultSuccess);

    public static ReconcileOutcome Invalid { get; } = new(ControllerMetrics.ResultInvalid);
}
