using DaprShared.Integration.Tests.ControlPlane;
using DaprShared.TestData.Tools;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>The suite's control plane, started once for the <see cref="RealClusterCollection"/>, with an admin
/// client (KubernetesClient), the real kubectl, and helpers for what every scenario needs: a fresh namespace, Ready
/// Nodes.</summary>
public sealed class RealCluster : IAsyncLifetime
{
    private LocalControlPlane? plane;
    private k8s.Kubernetes? admin;
    private int namespaces;

    public LocalControlPlane Plane => plane ?? throw new InvalidOperationException("the control plane is not started");

    /// <summary>A client with the admin (system:masters) certificate.</summary>
    public k8s.Kubernetes Admin => admin ?? throw new InvalidOperationException("the control plane is not started");

    public string Kubeconfig => Plane.Kubeconfig;

    public async Task InitializeAsync()
    {
        var state = Directory.CreateTempSubdirectory("dapr-shared-it-").FullName;
        try
        {
            plane = await LocalControlPlane.StartAsync(state).ConfigureAwait(false);
        }
        catch
        {
            Directory.Delete(state, recursive: true);
            throw;
        }

        admin = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(plane.Kubeconfig));
    }

    public Task DisposeAsync()
    {
        admin?.Dispose();
        plane?.Dispose();
        if (plane is not null && Environment.GetEnvironmentVariable("DAPR_SHARED_KEEP_CLUSTER_STATE") is not { Length: > 0 })
        {
            Directory.Delete(plane.State, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>The real kubectl against this cluster (admin); a non-zero exit fails with what it printed.</summary>
    public string Kubectl(params string[] arguments) => KubectlWithInput(null, arguments);

    public string KubectlWithInput(string? standardInput, params string[] arguments)
    {
        var result = TryKubectl(standardInput, arguments);
        return result.ExitCode == 0
            ? result.StandardOutput
            : throw new InvalidOperationException($"kubectl {string.Join(' ', arguments)} exited {result.ExitCode}:\n{result.StandardError}{result.StandardOutput}");
    }

    public ProcessResult TryKubectl(string? standardInput, params string[] arguments) =>
        ExternalCommand.Run(RepositoryTools.Kubectl(), arguments, environment: new Dictionary<string, string> { ["KUBECONFIG"] = Kubeconfig }, standardInput: standardInput);

    /// <summary>A new namespace named <paramref name="prefix"/>-N with its <c>default</c> ServiceAccount (which
    /// kube-controller-manager makes; pods are refused until it exists).</summary>
    public async Task<string> CreateNamespaceAsync(string prefix, IDictionary<string, string>? labels = null)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref namespaces)}";
        await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name, Labels = labels } }).ConfigureAwait(false);
        try
        {
            await Admin.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "default" } }, name).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // kube-controller-manager was first.
        }

        return name;
    }

    /// <summary>Nodes a DaemonSet can place pods on: Ready, with the not-ready taint the API server adds removed
    /// (node-lifecycle is off, so they stay Ready).</summary>
    public async Task EnsureReadyNodesAsync(params string[] names)
    {
        foreach (var name in names)
        {
            try
            {
                await Admin.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = name } } }).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                continue;
            }

            var ready = """{"status":{"conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"test"}],"allocatable":{"cpu":"8","memory":"32Gi","pods":"110"},"capacity":{"cpu":"8","memory":"32Gi","pods":"110"}}}""";
            await Admin.CoreV1.PatchNodeStatusAsync(new V1Patch(ready, V1Patch.PatchType.MergePatch), name).ConfigureAwait(false);
            var untaint = """{"spec":{"taints":null}}""";
            await Admin.CoreV1.PatchNodeAsync(new V1Patch(untaint, V1Patch.PatchType.MergePatch), name).ConfigureAwait(false);
        }
    }
}
