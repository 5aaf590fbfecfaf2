using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using DaprShared.Controller.Diagnostics;
using DaprShared.Core.Instances;
using DaprShared.Kubernetes.Api;
using k8s;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Reconciliation;

/// <summary>Creates each instance's API-token Secret once, with a fresh random token, using only the
/// <c>create</c> verb: the controller never reads, lists, watches or patches Secrets, so its RBAC grants no
/// Secret read anywhere (a patch returns the whole object, so it would be a read).</summary>
/// <remarks>
/// The price of not reading: a 409 AlreadyExists cannot tell our Secret from one the user made (which is fine:
/// a pre-provisioned token is used as is, by daprd and by the webhook's secretKeyRef alike), and a deleted Secret
/// is not seen by any watch. So creation is retried (a cheap 409 when it exists) whenever the instance is
/// reconciled while its workload is not available, at most once per <c>recheck</c> period; a missing token Secret
/// keeps new daprd pods from starting, which makes the workload unavailable, which brings the retry.
/// </remarks>
internal sealed class ApiTokenSecrets(KubernetesApiClient client, TimeProvider time, TimeSpan recheck, ControllerMetrics metrics, ILogger logger)
{
    private const int TokenBytes = 32;

    private readonly ConcurrentDictionary<string, DateTimeOffset> ensured = new(StringComparer.Ordinal);

    public async Task EnsureAsync(DaprSharedInstance instance, bool workloadAvailable, CancellationToken cancellationToken)
    {
        var uid = instance.Metadata.Uid;
        var now = time.GetUtcNow();
        if (ensured.TryGetValue(uid, out var last) && (workloadAvailable || now - last < recheck))
        {
            return;
        }

        var secret = DesiredStateBuilder.ApiTokenSecret(instance, NewToken());
        var ns = secret.Metadata.NamespaceProperty;
        var name = secret.Metadata.Name;
        try
        {
            metrics.Writes.WithLabels("Secret", "create").Inc();
            await client.CreateAsync(ApiResources.Secrets, secret, ns, Core.Contract.DaprSharedKeys.FieldManager, cancellationToken).ConfigureAwait(false);
            ControllerLog.ApiTokenCreated(logger, ns, name);
        }
        catch (Exception e) when (ApiErrors.IsStatus(e, HttpStatusCode.Conflict))
        {
            ControllerLog.ApiTokenExists(logger, ns, name);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Describe() reads only the response Status: the request body (the token) is never logged.
            ControllerLog.ApiTokenFailed(logger, ns, name, ApiErrors.Describe(e));
            throw new InvalidOperationException($"creating the API-token Secret {ns}/{name} failed: {ApiErrors.Describe(e)}");
        }

        ensured[uid] = now;
    }

    /// <summary>Forgets an instance (it was deleted), so a new instance of the same name creates its own Secret.</summary>
    public void Forget(string uid) => ensured.TryRemove(uid, out _);

    /// <summary>32 random bytes as lowercase hex: safe in env vars and HTTP headers, 256 bits of entropy.</summary>
    internal static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(TokenBytes));
}
