using System.Globalization;
using k8s.Models;

namespace DaprShared.Controller.Reconciliation;

/// <summary>Whether the daprd workload serves, read from its status as the workload controllers report it.</summary>
public sealed record WorkloadAvailability(bool Exists, bool Available, bool Progressing, string Message)
{
    public static WorkloadAvailability Missing { get; } = new(false, false, false, "the daprd workload does not exist yet");

    /// <summary>DaemonSet: every scheduled daprd is available (numberAvailable vs desiredNumberScheduled) and the
    /// DaemonSet controller has seen the current spec.</summary>
    public static WorkloadAvailability Of(V1DaemonSet? daemonSet)
    {
        if (daemonSet is null)
        {
            return Missing;
        }

        var status = daemonSet.Status;
        var desired = status?.DesiredNumberScheduled ?? 0;
        var available = status?.NumberAvailable ?? 0;
        if (status is null || (status.ObservedGeneration ?? 0) < (daemonSet.Metadata.Generation ?? 0))
        {
            return new(true, false, true, "the DaemonSet controller has not processed the current spec yet");
        }

        if (desired == 0)
        {
            return new(true, false, false, "no node is scheduled to run daprd (0 desired)");
        }

        return new(true, available >= desired, false, $"{Count(available)}/{Count(desired)} daprd pods available");
    }

    /// <summary>Deployment: availableReplicas reached the wanted replicas and the spec has been observed.</summary>
    public static WorkloadAvailability Of(V1Deployment? deployment)
    {
        if (deployment is null)
        {
            return Missing;
        }

        var status = deployment.Status;
        var wanted = deployment.Spec?.Replicas ?? 1;
        var available = status?.AvailableReplicas ?? 0;
        if (status is null || (status.ObservedGeneration ?? 0) < (deployment.Metadata.Generation ?? 0))
        {
            return new(true, false, true, "the Deployment controller has not processed the current spec yet");
        }

        return new(true, wanted > 0 && available >= wanted, false, $"{Count(available)}/{Count(wanted)} daprd replicas available");
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
