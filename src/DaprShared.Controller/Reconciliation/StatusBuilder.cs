using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using k8s.Models;

namespace DaprShared.Controller.Reconciliation;

/// <summary>The status an instance should show (pure). Condition times only move when a condition's status
/// changes, so recomputing an unchanged status gives an identical object and no write.</summary>
public static class StatusBuilder
{
    public static DaprSharedInstanceStatus Build(
        DaprSharedInstance instance,
        DesiredStateResult result,
        WorkloadAvailability workload,
        IReadOnlyList<string> conflicts,
        bool trustAnchorsMissing,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(conflicts);
        var previous = instance.Status?.Conditions ?? [];
        var generation = instance.Metadata?.Generation;
        var time = new DateTime(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

        V1Condition ready;
        if (result.State is null)
        {
            var problems = string.Join("; ", result.Problems.Where(p => p.Fatal).Select(p => p.ToString()));
            ready = Condition(InstanceConditions.Ready, InstanceConditions.StatusFalse, InstanceConditions.ReasonInvalidSpec, problems, generation, previous, time);
        }
        else if (workload.Available)
        {
            ready = Condition(InstanceConditions.Ready, InstanceConditions.StatusTrue, InstanceConditions.ReasonAvailable, workload.Message, generation, previous, time);
        }
        else
        {
            var reason = workload.Progressing ? InstanceConditions.ReasonProgressing
                : trustAnchorsMissing ? InstanceConditions.ReasonTrustAnchorsMissing
                : InstanceConditions.ReasonUnavailable;
            var message = trustAnchorsMissing && !workload.Progressing
                ? $"{workload.Message}; Dapr's trust bundle ({SharedObjectNames.DaprTrustBundleConfigMap}, {SharedObjectNames.TrustAnchorsKey}) was not found in the control-plane namespace"
                : workload.Message;
            ready = Condition(InstanceConditions.Ready, InstanceConditions.StatusFalse, reason, message, generation, previous, time);
        }

        var conflict = conflicts.Count > 0
            ? Condition(InstanceConditions.Conflict, InstanceConditions.StatusTrue, InstanceConditions.ReasonUnmanagedObject,
                string.Join("; ", conflicts) + ": not managed by this instance, left alone; delete or rename it and the instance takes over", generation, previous, time)
            : Condition(InstanceConditions.Conflict, InstanceConditions.StatusFalse, InstanceConditions.ReasonNoConflict, "every object of this instance is managed by it", generation, previous, time);

        return new DaprSharedInstanceStatus
        {
            Conditions = [ready, conflict],
            ObservedGeneration = generation,
            Strategy = result.State?.Spec.Strategy.ToValue(),
            Endpoints = result.State?.Endpoints,
        };
    }

    private static V1Condition Condition(string type, string status, string reason, string message, long? generation, IList<V1Condition> previous, DateTime now)
    {
        var before = previous.FirstOrDefault(c => c.Type == type);
        return new V1Condition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message.Length <= 32768 ? message : message[..32765] + "...",
            ObservedGeneration = generation,
            LastTransitionTime = before is not null && before.Status == status ? before.LastTransitionTime : now,
        };
    }
}
