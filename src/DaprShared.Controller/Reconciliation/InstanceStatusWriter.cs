using System.Text;
using System.Text.Json.Nodes;
using DaprShared.Controller.Api;
using DaprShared.Kubernetes.Api;
using DaprShared.Controller.Diagnostics;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Reconciliation;

/// <summary>Writes an instance's status through the status subresource, and only when it differs from what the
/// instance already shows: an idle controller does not write.</summary>
internal sealed class InstanceStatusWriter(KubernetesApiClient client, ControllerMetrics metrics, ILogger logger)
{
    public async Task WriteAsync(DaprSharedInstance instance, DaprSharedInstanceStatus status, CancellationToken cancellationToken)
    {
        var wanted = DesiredSubset.ToJson(status);
        var current = instance.Status is null ? null : DesiredSubset.ToJson(instance.Status);
        if (JsonNode.DeepEquals(wanted, current))
        {
            return;
        }

        var body = new JsonObject
        {
            ["apiVersion"] = DaprSharedInstance.GroupVersion,
            ["kind"] = DaprSharedInstance.EntityKind,
            ["metadata"] = new JsonObject { ["name"] = instance.Metadata.Name, ["namespace"] = instance.Metadata.NamespaceProperty },
            ["status"] = wanted,
        };
        metrics.Writes.WithLabels(DaprSharedInstance.EntityKind, "apply-status").Inc();
        await client.PatchAsync(
            DaprSharedApi.Instances,
            PatchKind.Apply,
            Encoding.UTF8.GetBytes(body.ToJsonString()),
            instance.Metadata.NamespaceProperty,
            instance.Metadata.Name,
            DaprSharedKeys.FieldManager,
            force: true,
            subresource: "status",
            cancellationToken).ConfigureAwait(false);
        ControllerLog.StatusUpdated(logger, instance.Metadata.NamespaceProperty, instance.Metadata.Name);
    }
}
