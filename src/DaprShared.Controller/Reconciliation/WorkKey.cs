namespace DaprShared.Controller.Reconciliation;

/// <summary>What a worker does next: reconcile the instance of a namespace + app-id (the instance is named after
/// its app-id), or report a pod the webhook missed.</summary>
public readonly record struct WorkKey(WorkKind Kind, string Namespace, string Name)
{
    public static WorkKey Instance(string @namespace, string appId) => new(WorkKind.Instance, @namespace, appId);

    public static WorkKey MissedPod(string @namespace, string pod) => new(WorkKind.MissedPod, @namespace, pod);

    public override string ToString() => Kind == WorkKind.Instance ? $"{Namespace}/{Name}" : $"pod {Namespace}/{Name}";
}
