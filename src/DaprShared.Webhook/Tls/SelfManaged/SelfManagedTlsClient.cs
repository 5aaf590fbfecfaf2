using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>The five API calls self-managed TLS makes, each with a time limit. A lost race (409 Conflict, or 422 from
/// a failed JSON-patch <c>test</c> of the resourceVersion) is a <c>false</c> result, not an exception: the caller
/// reads again and re-plans. RBAC: secrets get/create/update in the own namespace (the Secret by name),
/// mutatingwebhookconfigurations get/patch by name.</summary>
public sealed class SelfManagedTlsClient(IKubernetes kubernetes, SelfManagedTlsOptions options, string ns)
{
    public string Namespace { get; } = ns;

    public Task<V1Secret?> ReadSecretAsync(CancellationToken cancellationToken) =>
        OrNullWhenMissing(token => kubernetes.CoreV1.ReadNamespacedSecretAsync(options.SecretName, Namespace, cancellationToken: token), cancellationToken);

    public Task<V1MutatingWebhookConfiguration?> ReadWebhookConfigurationAsync(CancellationToken cancellationToken) =>
        OrNullWhenMissing(token => kubernetes.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(options.WebhookConfigurationName, cancellationToken: token), cancellationToken);

    /// <summary>False when another replica created it first.</summary>
    public Task<bool> CreateSecretAsync(V1Secret secret, CancellationToken cancellationToken) =>
        FalseWhenRaced(token => kubernetes.CoreV1.CreateNamespacedSecretAsync(secret, Namespace, cancellationToken: token), cancellationToken);

    /// <summary>False when the Secret changed (or went away) since it was read.</summary>
    public Task<bool> ReplaceSecretAsync(V1Secret secret, CancellationToken cancellationToken) =>
        FalseWhenRaced(token => kubernetes.CoreV1.ReplaceNamespacedSecretAsync(secret, options.SecretName, Namespace, cancellationToken: token), cancellationToken);

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

        var patch = new V1Patch(operations.ToJsonString(), V1Patch.PatchType.JsonPatch);
        return FalseWhenRaced(
            token => kubernetes.AdmissionregistrationV1.PatchMutatingWebhookConfigurationAsync(patch, options.WebhookConfigurationName, cancellationToken: token),
            cancellationToken);
    }

    private static JsonObject Test(string path, string? value) => new() { ["op"] = "test", ["path"] = path, ["value"] = value };

    private async Task<T?> OrNullWhenMissing<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await WithTimeout(call, cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<bool> FalseWhenRaced<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            await WithTimeout(call, cancellationToken);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity or HttpStatusCode.NotFound)
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
