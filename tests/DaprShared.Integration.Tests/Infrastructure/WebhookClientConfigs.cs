using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>The <c>clientConfig</c> of every entry of the webhook configuration: pointed at any URL (not only a
/// started <see cref="ProductProcess"/>'s 127.0.0.1 address, as <see cref="Installed.PointWebhookAtAsync"/> does), and
/// put back as it was, since the configuration is shared by the whole suite.</summary>
public static class WebhookClientConfigs
{
    public static async Task<IReadOnlyList<Admissionregistrationv1WebhookClientConfig>> ReadAsync(RealCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var configuration = await cluster.Admin.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(Installed.WebhookConfiguration).ConfigureAwait(false);
        return [.. configuration.Webhooks.Select(w => w.ClientConfig)];
    }

    /// <summary>Every entry's <c>url</c> becomes <paramref name="server"/> plus the entry's own path; the caBundle is
    /// <paramref name="caBundle"/>, or none at all when it is null.</summary>
    public static async Task PointAtAsync(RealCluster cluster, Uri server, string? caBundle)
    {
        var current = await ReadAsync(cluster).ConfigureAwait(false);
        var replacements = current.Select(clientConfig =>
        {
            var path = clientConfig.Service?.Path ?? new Uri(clientConfig.Url).AbsolutePath;
            return new Admissionregistrationv1WebhookClientConfig { Url = new Uri(server, path).AbsoluteUri, CaBundle = caBundle is null ? null : Convert.FromBase64String(caBundle) };
        });
        await ReplaceAsync(cluster, [.. replacements]).ConfigureAwait(false);
    }

    public static Task RestoreAsync(RealCluster cluster, IReadOnlyList<Admissionregistrationv1WebhookClientConfig> saved) => ReplaceAsync(cluster, saved);

    private static async Task ReplaceAsync(RealCluster cluster, IReadOnlyList<Admissionregistrationv1WebhookClientConfig> clientConfigs)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var patch = new JsonArray();
        for (var i = 0; i < clientConfigs.Count; i++)
        {
            patch.Add(new JsonObject { ["op"] = "replace", ["path"] = $"/webhooks/{i}/clientConfig", ["value"] = JsonNode.Parse(KubernetesJson.Serialize(clientConfigs[i])) });
        }

        await cluster.Admin.AdmissionregistrationV1.PatchMutatingWebhookConfigurationAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), Installed.WebhookConfiguration).ConfigureAwait(false);
    }
}
