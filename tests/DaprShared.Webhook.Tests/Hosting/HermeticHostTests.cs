using DaprShared.Kubernetes.Cluster;
using DaprShared.Webhook.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DaprShared.Webhook.Tests.Hosting;

/// <summary>The servers the tests start must never reach the developer's cluster (whatever <c>$KUBECONFIG</c> or
/// <c>~/.kube/config</c> points at): a test run must not create instances, Secrets or caBundles in a real cluster.</summary>
public sealed class HermeticHostTests
{
    [Fact]
    public void NoCluster_IsAPathNothingCanHaveCreated()
    {
        File.Exists(WebhookServer.NoCluster).Should().BeFalse();
        Directory.Exists(Path.GetDirectoryName(WebhookServer.NoCluster)).Should().BeFalse("a directory unique to this run, not a shared temp file name");
    }

    [Fact]
    public async Task WebhookServer_Started_UsesTheMissingKubeconfigAndItsControllerIdles()
    {
        await using var server = await WebhookServer.StartAsync(["--tls-mode", "SelfSigned"]);

        var connection = server.App.Services.GetRequiredService<ClusterConnection>();

        connection.IsAvailable.Should().BeFalse();
        connection.Description.Should().Contain(WebhookServer.NoCluster, "a configured kubeconfig wins over in-cluster, $KUBECONFIG and ~/.kube/config");
        await WaitUntilAsync(() => server.Logs.WithEventId(3000).Any());
        server.Logs.WithEventId(3000).Should().ContainSingle().Which.Message.Should().Contain("the controller stays idle");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }
    }
}
