using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace DaprShared.Controller.Tests.Rbac;

/// <summary>Sits in a controller's HTTP pipeline: stamps its requests with a User-Agent of their own, so the fake's
/// request log tells them from the test's, and keeps the owner references of what it writes, because they decide
/// an authorization check the log cannot show (see <see cref="ImpliedFinalizerChecks"/>).</summary>
internal sealed class ControllerRequestTap : DelegatingHandler
{
    public const string Product = "dapr-shared-rbac-probe";

    /// <summary>Owner kinds the controller may reference, with their plural resource names.</summary>
    private static readonly Dictionary<(string Group, string Kind), string> OwnerResources = new()
    {
        [("dapr-shared.io", "DaprSharedInstance")] = "daprsharedinstances",
    };

    private readonly ConcurrentQueue<ApiRequest> implied = new();

    /// <summary>With the OwnerReferencesPermissionEnforcement admission plugin (on in OpenShift and many hardened
    /// clusters), writing an object whose owner reference sets <c>blockOwnerDeletion</c> also needs <c>update</c>
    /// on the owner's <c>finalizers</c> subresource: one check per such owner reference written.</summary>
    public IReadOnlyList<ApiRequest> ImpliedFinalizerChecks => implied.ToArray();

    public static bool IsProbe(string userAgent) => userAgent.StartsWith(Product + "/", StringComparison.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.UserAgent.Clear();
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue(Product, "1"));
        if (request.Content is not null && (request.Method == HttpMethod.Post || request.Method == HttpMethod.Put || request.Method == HttpMethod.Patch))
        {
            var body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            RecordOwnerReferences(request.RequestUri!, body);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private void RecordOwnerReferences(Uri uri, string body)
    {
        // Every body the controller sends is JSON (an apply patch is JSON too, which is YAML).
        var metadata = JsonNode.Parse(body)?["metadata"];
        if (metadata?["ownerReferences"] is not JsonArray references)
        {
            return;
        }

        var ns = metadata["namespace"]?.GetValue<string>() ?? NamespaceOf(uri);
        foreach (var reference in references.OfType<JsonObject>())
        {
            if (reference["blockOwnerDeletion"]?.GetValue<bool>() != true)
            {
                continue;
            }

            var apiVersion = reference["apiVersion"]?.GetValue<string>() ?? "";
            var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
            var kind = reference["kind"]?.GetValue<string>() ?? "";
            var resource = OwnerResources.TryGetValue((group, kind), out var plural)
                ? plural
                : throw new InvalidOperationException($"the controller wrote an owner reference to {apiVersion} {kind}, which this test does not know the resource of: add it to OwnerResources");
            implied.Enqueue(new ApiRequest(
                "update", group, resource, "finalizers", ns, reference["name"]?.GetValue<string>(),
                $"blockOwnerDeletion in an owner reference written to {uri.AbsolutePath}"));
        }
    }

    private static string? NamespaceOf(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var index = Array.IndexOf(segments, "namespaces");
        return index >= 0 && index + 2 < segments.Length ? Uri.UnescapeDataString(segments[index + 1]) : null;
    }
}
