using DaprShared.Core.Contract;

namespace DaprShared.Core.Instances;

/// <summary>The Dapr control-plane addresses a shared daprd uses, each either configured or derived from the
/// control-plane namespace and cluster domain exactly as Dapr's sidecar injector derives them
/// (<c>pkg/injector/patcher/services.go</c>).</summary>
public sealed record ControlPlaneEndpoints(
    string ControlPlaneAddress,
    string SentryAddress,
    string PlacementAddress,
    string SchedulerAddress,
    string SentryAudience)
{
    public const int ApiPort = 443;
    public const int SentryPort = 443;
    public const int PlacementPort = 50005;
    public const int SchedulerPort = 50006;

    public static ControlPlaneEndpoints From(ControllerSettings controller, ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(cluster);
        var ns = controller.ControlPlaneNamespace;
        var domain = cluster.ClusterDomain;

        return new ControlPlaneEndpoints(
            OrDefault(controller.ControlPlaneAddress, () => $"dapr-api.{ns}.svc.{domain}:{ApiPort}"),
            OrDefault(controller.SentryAddress, () => $"dapr-sentry.{ns}.svc.{domain}:{SentryPort}"),
            OrDefault(controller.PlacementAddress, () => $"dapr-placement-server.{ns}.svc.{domain}:{PlacementPort}"),
            OrDefault(controller.SchedulerAddress, () => string.Join(',', Enumerable.Range(0, Math.Max(1, controller.SchedulerReplicas))
                .Select(i => $"dapr-scheduler-server-{i}.dapr-scheduler-server.{ns}.svc.{domain}:{SchedulerPort}"))),
            SentryAudienceFor(controller.TrustDomain, ns));
    }

    /// <summary>Sentry's SPIFFE ID, the audience Dapr's injector requests for the projected ServiceAccount token.</summary>
    public static string SentryAudienceFor(string trustDomain, string controlPlaneNamespace) =>
        $"spiffe://{trustDomain}/ns/{controlPlaneNamespace}/dapr-sentry";

    private static string OrDefault(string? configured, Func<string> derive) =>
        string.IsNullOrWhiteSpace(configured) ? derive() : configured.Trim();
}
