using System.Net;
using System.Text.Json;
using DaprShared.Core.Instances;
using k8s;
using k8s.Autorest;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>DaprSharedInstances read through the admin client's custom-object API.</summary>
public static class InstanceReader
{
    public static async Task<DaprSharedInstance?> FindAsync(RealCluster cluster, string @namespace, string name)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        try
        {
            var found = await cluster.Admin.CustomObjects.GetNamespacedCustomObjectAsync(
                DaprSharedInstance.Group, DaprSharedInstance.Version, @namespace, DaprSharedInstance.Plural, name).ConfigureAwait(false);
            return KubernetesJson.Deserialize<DaprSharedInstance>(JsonSerializer.Serialize(found));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public static Task<DaprSharedInstance> WaitAsync(RealCluster cluster, string @namespace, string name, ProductProcess? product = null, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(() => FindAsync(cluster, @namespace, name), $"DaprSharedInstance {@namespace}/{name}", timeout, product);
}
