using System.Text.Json.Nodes;
using DaprShared.TestData;
using k8s;
using k8s.Models;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>deploy/install.yaml as users apply it (the real kubectl, server-side apply), and the product started
/// the way its Deployment starts it: same environment, its own ServiceAccount's token (RBAC exactly as deploy/
/// grants it), with the webhook configuration pointed at the process (<c>clientConfig.url</c> to loopback, since
/// there is no Service routing without kube-proxy).</summary>
public static class Installed
{
    public const string SystemNamespace = "dapr-shared-system";
    public const string ServiceAccount = "dapr-shared";
    public const string WebhookConfiguration = "dapr-shared-injector";

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly HashSet<RealCluster> Done = [];

    public static string InstallYaml => Path.Combine(TestDataPaths.RepositoryRoot(), "deploy", "install.yaml");

    /// <summary>Applies deploy/install.yaml once per cluster and waits for the CRD to be served.</summary>
    public static async Task EnsureAsync(RealCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        await Once.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Done.Contains(cluster))
            {
                return;
            }

            cluster.Kubectl("apply", "--server-side", "--field-manager=integration-install", "-f", InstallYaml);
            cluster.Kubectl("wait", "--for=condition=Established", "--timeout=60s", "crd/daprsharedinstances.dapr-shared.io");
            Done.Add(cluster);
        }
        finally
        {
            Once.Release();
        }
    }

    /// <summary>The literal environment of the product's container in deploy/install.yaml, plus what the downward
    /// API would give it.</summary>
    public static Dictionary<string, string> DeploymentEnvironment()
    {
        var deployment = KubernetesYaml.LoadAllFromString(File.ReadAllText(InstallYaml), strict: true)
            .OfType<V1Deployment>()
            .Single(d => d.Metadata.Name == "dapr-shared");
        var environment = deployment.Spec.Template.Spec.Containers[0].Env
            .Where(e => e.ValueFrom is null)
            .ToDictionary(e => e.Name, e => e.Value ?? "");
        environment["POD_NAMESPACE"] = SystemNamespace;
        return environment;
    }

    /// <summary>Starts the product with certificate files and its ServiceAccount's kubeconfig, points the webhook
    /// configuration at it and waits until it is ready. <paramref name="settings"/> are extra <c>--Key=value</c>
    /// arguments.</summary>
    public static async Task<ProductProcess> StartProductAsync(RealCluster cluster, string work, params string[] settings)
    {
        await EnsureAsync(cluster).ConfigureAwait(false);
        var certificate = ServingCertificate.Write(Path.Combine(work, "tls"));
        var kubeconfig = await ServiceAccountKubeconfig.WriteAsync(cluster, SystemNamespace, ServiceAccount, Path.Combine(work, "kubeconfig")).ConfigureAwait(false);
        var environment = DeploymentEnvironment();
        environment["Tls__Mode"] = "Files";
        var product = ProductProcess.Start(
            ["--tls-cert-file", certificate.CertFile, "--tls-key-file", certificate.KeyFile, "--kubeconfig", kubeconfig, .. settings],
            environment);
        await WaitReadyAsync(product).ConfigureAwait(false);
        await PointWebhookAtAsync(cluster, product, certificate.CaBundle).ConfigureAwait(false);
        await WaitUntilMutatingAsync(cluster, product, await cluster.CreateNamespaceAsync("webhook-probe").ConfigureAwait(false)).ConfigureAwait(false);
        return product;
    }

    /// <summary>The API server applies a webhook configuration change asynchronously (from its watch cache), so a pod
    /// created right after <see cref="PointWebhookAtAsync"/> may still meet the previous configuration (a
    /// dead URL: <c>failurePolicy: Ignore</c> admits it unchanged). Waits until a server-side dry-run create of an
    /// opted-in pod comes back mutated.</summary>
    public static Task WaitUntilMutatingAsync(RealCluster cluster, ProductProcess product, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var probe = FixturePods.Pod(FixturePods.Orders, "admission-probe");
        return Eventually.HoldsAsync(
            async () =>
            {
                var answer = await cluster.Admin.CoreV1.CreateNamespacedPodAsync(probe, @namespace, dryRun: "All").ConfigureAwait(false);
                return answer.Metadata.Annotations?.ContainsKey("dapr-shared.io/injected") == true
                    ? null
                    : "the API server does not call the webhook yet: a dry-run create of an opted-in pod came back unmutated";
            },
            TimeSpan.FromSeconds(30),
            product);
    }

    public static async Task WaitReadyAsync(ProductProcess product, string path = "/readyz")
    {
        ArgumentNullException.ThrowIfNull(product);
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    using var response = await http.GetAsync(new Uri(product.BaseUri, path)).ConfigureAwait(false);
                    return response.IsSuccessStatusCode ? null : $"{path} answers {(int)response.StatusCode}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // TaskCanceledException: the 5 s client timeout of one probe (a loaded machine), not the wait's.
                    return $"{path}: {e.Message}";
                }
            },
            TimeSpan.FromSeconds(60),
            product).ConfigureAwait(false);
    }

    /// <summary>Replaces every webhook's <c>clientConfig</c> with the URL of <paramref name="product"/> (same path as
    /// the Service reference had) and <paramref name="caBundle"/>.</summary>
    public static async Task PointWebhookAtAsync(RealCluster cluster, ProductProcess product, string? caBundle)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(product);
        var configuration = await cluster.Admin.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(WebhookConfiguration).ConfigureAwait(false);
        var patch = new JsonArray();
        for (var i = 0; i < configuration.Webhooks.Count; i++)
        {
            var clientConfig = configuration.Webhooks[i].ClientConfig;
            var path = clientConfig.Service?.Path ?? new Uri(clientConfig.Url).AbsolutePath;
            var value = new JsonObject { ["url"] = new Uri(product.BaseUri, path).AbsoluteUri };
            if (caBundle is not null)
            {
                value["caBundle"] = caBundle;
            }

            patch.Add(new JsonObject { ["op"] = "replace", ["path"] = $"/webhooks/{i}/clientConfig", ["value"] = value });
        }

        await cluster.Admin.AdmissionregistrationV1.PatchMutatingWebhookConfigurationAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), WebhookConfiguration).ConfigureAwait(false);
    }
}
