namespace DaprShared.Controller.Reconciliation;

/// <summary>The two kinds of work item.</summary>
public enum WorkKind
{
    /// <summary>Reconcile the instance named after an app-id in a namespace (create it from pods if missing).</summary>
    Instance,

    /// <summary>Report a pod the webhook did not inject.</summary>
    MissedPod,
}
