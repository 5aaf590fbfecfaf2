using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>One product process per admission test class (an <c>IClassFixture</c>: a test class's own
/// IAsyncLifetime would start one per test), with the webhook configuration pointed at it and the API server
/// verifiably calling it. Its controller is off: these classes test admission only, and every injected app-id would
/// otherwise become an instance, a daprd workload and its pods to slow the shared control plane down.</summary>
public sealed class AdmissionFixture : IAsyncLifetime
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("dapr-shared-it-admission-");
    private readonly Dictionary<string, string> namespaces = [];
    private ProductProcess? product;

    public AdmissionFixture(RealCluster cluster) => Cluster = cluster;

    public RealCluster Cluster { get; }

    public ProductProcess Product => product ?? throw new InvalidOperationException("the product is not started");

    public async Task InitializeAsync()
    {
        product = await Installed.StartProductAsync(Cluster, work.FullName, "--Controller:Reconciler:Enabled=false").ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        if (product is not null)
        {
            await product.DisposeAsync().ConfigureAwait(false);
        }

        work.Delete(recursive: true);
    }

    /// <summary>The class's namespace for one theme, created with <paramref name="labels"/> on first use and reused
    /// by every test of the class that asks for the same <paramref name="prefix"/>.</summary>
    public async Task<string> NamespaceAsync(string prefix, IDictionary<string, string>? labels = null)
    {
        if (!namespaces.TryGetValue(prefix, out var name))
        {
            name = await Cluster.CreateNamespaceAsync(prefix, labels).ConfigureAwait(false);
            namespaces[prefix] = name;
        }

        return name;
    }

    /// <summary>Creates <paramref name="pod"/> with the real kubectl, as a user would (<c>kubectl create -f -</c>),
    /// and reads back what the API server stored; <c>Warnings</c> are the admission warnings kubectl printed.</summary>
    public async Task<CreatedPod> CreateWithKubectlAsync(JsonObject pod, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(pod);

        // kubectl create rewrites an existing last-applied-configuration (for the namespace given by -n): the
        // client's change, not the webhook's, so the pods are sent without it.
        var sentPod = pod.DeepClone().AsObject();
        (sentPod["metadata"]?["annotations"] as JsonObject)?.Remove("kubectl.kubernetes.io/last-applied-configuration");
        var json = sentPod.ToJsonString();
        var result = Cluster.TryKubectl(json, "create", "-f", "-", "-n", @namespace);
        result.ExitCode.Should().Be(0, result.StandardError);
        var sent = KubernetesJson.Deserialize<V1Pod>(json);
        var stored = await Cluster.Admin.CoreV1.ReadNamespacedPodAsync(sent.Metadata.Name, @namespace).ConfigureAwait(false);
        return new CreatedPod(sent, stored, PodExpectations.Warnings(result.StandardError));
    }

    public Task<ProductMetrics> MetricsAsync() => ProductMetrics.ReadAsync(Cluster, Product);

    /// <summary>Since <paramref name="before"/>, the product counted exactly <paramref name="expected"/>
    /// (<c>result/reason</c> and how many) and nothing else.</summary>
    public async Task ShouldHaveCountedAsync(ProductMetrics before, params (string Series, double Count)[] expected)
    {
        var expectation = expected.ToDictionary(e => e.Series, e => e.Count);
        var changes = await ProductMetrics.ChangesAsync(Cluster, Product, before, expectation).ConfigureAwait(false);
        changes.Should().BeEquivalentTo(expectation, $"{ProductMetrics.AdmissionsTotal} counts every review the product answered, by result/reason");
    }

    /// <summary>A server-side dry run of an opted-in pod, counted by the product as <c>patched/injected</c> once it is
    /// answered: a marker after pods that must not reach the webhook, so that a count they caused would be there by
    /// the time the marker's is.</summary>
    public async Task DryRunMarkerAsync(string @namespace)
    {
        var marker = FixturePods.Pod(FixturePods.Orders, "marker");
        var answer = await Cluster.Admin.CoreV1.CreateNamespacedPodAsync(marker, @namespace, dryRun: "All").ConfigureAwait(false);
        answer.Metadata.Annotations.Should().ContainKey("dapr-shared.io/injected", "the marker is an opted-in pod");
    }
}
