using System.Globalization;
using System.Text.Json.Nodes;
using DaprShared.FakeKubeApi;

namespace DaprShared.AotSmoke;

/// <summary>Plays kube-controller-manager's DaemonSet and Deployment controllers the way ControllerHarness does: every
/// workload reports all its daprd pods available for its current generation. It keeps doing so until disposed, so a
/// re-apply that bumps the generation is answered too.</summary>
internal sealed class WorkloadStandIn : IAsyncDisposable
{
    private readonly ObjectStore store;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    private WorkloadStandIn(ObjectStore store)
    {
        this.store = store;
        loop = Task.Run(() => RunAsync(stopping.Token));
    }

    public static WorkloadStandIn Start(ObjectStore store) => new(store);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                foreach (var ds in store.List("apps/v1", "DaemonSet"))
                {
                    SetStatus(ds, "DaemonSet", new JsonObject
                    {
                        ["currentNumberScheduled"] = 2,
                        ["desiredNumberScheduled"] = 2,
                        ["numberAvailable"] = 2,
                        ["numberReady"] = 2,
                        ["updatedNumberScheduled"] = 2,
                        ["numberMisscheduled"] = 0,
                    });
                }

                foreach (var deployment in store.List("apps/v1", "Deployment"))
                {
                    var replicas = deployment["spec"]?["replicas"] is { } r ? int.Parse(r.ToJsonString(), CultureInfo.InvariantCulture) : 1;
                    SetStatus(deployment, "Deployment", new JsonObject
                    {
                        ["replicas"] = replicas,
                        ["availableReplicas"] = replicas,
                        ["readyReplicas"] = replicas,
                        ["updatedReplicas"] = replicas,
                    });
                }
            }
            catch (ApiError)
            {
                // Deleted between list and update.
            }

            try
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private void SetStatus(JsonObject workload, string kind, JsonObject status)
    {
        var metadata = workload["metadata"]!;
        status["observedGeneration"] = long.Parse(metadata["generation"]!.ToJsonString(), CultureInfo.InvariantCulture);
        if (JsonNode.DeepEquals(workload["status"], status))
        {
            return;
        }

        store.Update("apps/v1", kind, (string?)metadata["namespace"], (string)metadata["name"]!, obj => obj["status"] = status);
    }
}
