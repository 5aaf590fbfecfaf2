using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>The controller's leader Lease as deploy/ and the product's defaults name it.</summary>
public static class ControllerLease
{
    public const string Name = "dapr-shared-controller";

    public static async Task<V1Lease?> FindAsync(RealCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        try
        {
            return await cluster.Admin.CoordinationV1.ReadNamespacedLeaseAsync(Name, Installed.SystemNamespace).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public static async Task<string?> HolderAsync(RealCluster cluster) =>
        (await FindAsync(cluster).ConfigureAwait(false))?.Spec?.HolderIdentity is { Length: > 0 } holder ? holder : null;

    /// <summary>Deletes the Lease. A product an earlier test ended with SIGKILL (no release) leaves it held for its
    /// whole duration; a test that starts its own replicas need not wait for that.</summary>
    public static async Task DeleteAsync(RealCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        try
        {
            await cluster.Admin.CoordinationV1.DeleteNamespacedLeaseAsync(Name, Installed.SystemNamespace).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }
}
