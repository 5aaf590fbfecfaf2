using System.Text.Json.Nodes;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;

namespace DaprShared.AotSmoke;

/// <summary>What the controller must have written for an instance (DESIGN §4), read from the fake API server's store:
/// each object exists, is labelled managed-by and owned by the instance; the creation was recorded as an Event.</summary>
internal static class InstanceChecks
{
    private const string CreatedEventReason = "CreatedFromPod";

    /// <summary>Null when everything is there; otherwise what is still missing or wrong.</summary>
    public static string? MissingOwnedObjects(FakeCluster cluster, string ns, string appId, SharedStrategy strategy)
    {
        var instance = cluster.Instance(ns, appId);
        if (instance is null)
        {
            return $"no DaprSharedInstance {ns}/{appId}";
        }

        var uid = (string?)instance["metadata"]?["uid"];
        var problems = new List<string>();
        Owned(cluster, "v1", "Service", ns, SharedObjectNames.Service(appId), uid, problems);
        Owned(cluster, "v1", "ServiceAccount", ns, SharedObjectNames.Workload(appId), uid, problems);
        Owned(cluster, "v1", "Secret", ns, SharedObjectNames.ApiTokenSecret(appId), uid, problems);
        var anchors = Owned(cluster, "v1", "ConfigMap", ns, SharedObjectNames.TrustAnchorsConfigMap, uid, problems);
        var workloadKind = strategy == SharedStrategy.DaemonSet ? "DaemonSet" : "Deployment";
        var workload = Owned(cluster, "apps/v1", workloadKind, ns, SharedObjectNames.Workload(appId), uid, problems);
        if (strategy == SharedStrategy.DaemonSet)
        {
            Owned(cluster, "v1", "Service", ns, SharedObjectNames.LocalService(appId), uid, problems);
        }
        else
        {
            Owned(cluster, "policy/v1", "PodDisruptionBudget", ns, SharedObjectNames.Workload(appId), uid, problems);
        }

        if (workload is not null)
        {
            var daprd = workload["spec"]?["template"]?["spec"]?["containers"]?.AsArray()
                .FirstOrDefault(c => (string?)c?["name"] == DaprSharedKeys.DaprSidecarContainerName);
            var image = new ControllerSettings().DaprdImage;
            if (daprd is null || (string?)daprd["image"] != image)
            {
                problems.Add($"{workloadKind} {SharedObjectNames.Workload(appId)} has no container {DaprSharedKeys.DaprSidecarContainerName} with image {image}");
            }
            else if (daprd["args"]?.AsArray().Any(a => (string?)a == "--app-id=" + appId) != true)
            {
                problems.Add($"the daprd container of {workloadKind} {SharedObjectNames.Workload(appId)} lacks the argument --app-id={appId}");
            }
        }

        if (!cluster.Store.List("v1", "Event", ns).Any(e => (string?)e["reason"] == CreatedEventReason && (string?)e["involvedObject"]?["uid"] == uid))
        {
            problems.Add($"no Event {CreatedEventReason} on the instance");
        }

        if (anchors is not null && (string?)anchors["data"]?[SharedObjectNames.TrustAnchorsKey] != cluster.TrustAnchorsPem)
        {
            problems.Add($"ConfigMap {SharedObjectNames.TrustAnchorsConfigMap} does not hold Dapr's {SharedObjectNames.TrustAnchorsKey}");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static JsonObject? Owned(FakeCluster cluster, string apiVersion, string kind, string ns, string name, string? ownerUid, List<string> problems)
    {
        var obj = cluster.Get(apiVersion, kind, ns, name);
        if (obj is null)
        {
            problems.Add($"no {kind} {name}");
            return null;
        }

        var metadata = obj["metadata"];
        if ((string?)metadata?["labels"]?[DaprSharedKeys.ManagedByLabel] != DaprSharedKeys.ManagedByValue)
        {
            problems.Add($"{kind} {name} lacks label {DaprSharedKeys.ManagedByLabel}={DaprSharedKeys.ManagedByValue}");
        }

        if (metadata?["ownerReferences"]?.AsArray().Any(r => (string?)r?["uid"] == ownerUid) != true)
        {
            problems.Add($"{kind} {name} has no owner reference to the instance");
        }

        return obj;
    }
}
