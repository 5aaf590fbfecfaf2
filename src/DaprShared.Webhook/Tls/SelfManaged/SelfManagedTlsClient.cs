using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DaprShared.Kubernetes.Api;
using k8s.Models;

namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>The five API calls self-managed TLS makes, each with a time limit. A lost race (409 Conflict, or 422 from
/// a failed JSON-patch <c>test</c> of the resourceVersion) is a <c>false</c> result, not an exception: the caller
/// reads again and re-plans. RBAC: secrets get/create/update in the own namespace (the Secret by name),
/// mutatingwebhookconfigurations get/patch by name.</summary>
public sealed class SelfManagedTlsClient(KubernetesApiClient kubernetes, SelfManagedTlsOptions options, string ns)
{
    public string Namespace { get; } = ns;

    public Task<V1Secret?> ReadSecretAsync(CancellationToken cancellationToken) =>
        WithTimeout(token => kubernetes.FindAsync(ApiResources.Secrets, Namespace, options.SecretName, token), cancellationToken);

    public Task<V1MutatingWebhookConfiguration?> ReadWebhookConfigurationAsync(CancellationToken cancellationToken) =>
        WithTimeout(token => kubernetes.FindAsync(ApiResources.MutatingWebhookConfigurations, null, options.WebhookConfigurationName, token), cancellationToken);

    /// <summary>False when another replica created it first.</summary>
    public Task<bool> CreateSecretAsync(V1Secret secret, CancellationToken cancellationToken) =>
        FalseWhenRaced(token => kubernetes.CreateAsync(ApiResources.Secrets, secret, Namespace, fieldManager: null, token), cancellationToken);

    /// <summary>False when the Secret changed (or went away) since it was read.</summary>
    public Task<bool> ReplaceSecretAsync(V1Secret secret, CancellationToken cancellationToken) =>
        FalseWhenRaced(token => kubernetes.ReplaceAsync(ApiResources.Secrets, secret, Namespace, options.SecretName, token), cancellationToken);

    /// <summary>Sets the caBundle of every webhook of <paramref name="configuration"/>, only if it is unchanged since
    /// it was read (the JSON patch tests its resourceVersion and each webhook's name). False when it changed.</summary>
    public Task<bool> PatchCaBundleAsync(V1MutatingWebhookConfiguration configuration, byte[] caBundle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // JsonNode-typed adds: the generic JsonArray.Add<T> needs reflection, which Native AOT does not have.
        var operations = new JsonArray { (JsonNode)Test("/metadata/resourceVersion", configuration.Metadata.ResourceVersion) };
        var encoded = Convert.ToBase64String(caBundle);
        for (var i = 0; i < (configuration.Webhooks?.Count ?? 0); i++)
        {
            operations.Add((JsonNode)Test($"/webhooks/{i}/name", configuration.Webhooks![i].Name));
            operations.Add((JsonNode)new JsonObject { ["op"] = "add", ["path"] = $"/webhooks/{i}/clientConfig/caBundle", ["value"] = encoded });
        }

        var patch = Encoding.UTF8.GetBytes(operations.ToJsonString());
        return FalseWhenRaced(
            token => kubernetes.PatchAsync(
                ApiResources.MutatingWebhookConfigurations, PatchKind.Json, patch, null, options.WebhookConfigurationName, fieldManager: null, force: false, subresource: null, token),
            cancellationToken);
    }

    private static JsonObject Test(string path, string? value) => new() { ["op"] = "test", ["path"] = path, ["value"] = value };

    private async Task<bool> FalseWhenRaced<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            await WithTimeout(call, cancellationToken);
            return true;
        }
        catch (KubernetesApiException e) when (e.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity or HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task<T> WithTimeout<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            return await call(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the API server did not answer within {options.RequestTimeout}");
        }
    }
}
