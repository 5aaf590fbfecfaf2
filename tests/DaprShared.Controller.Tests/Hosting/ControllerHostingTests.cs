using System.Diagnostics;
using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Options;
using DaprShared.Controller.Tests.Support;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.Kubernetes.Cluster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;
using Xunit.Abstractions;

namespace DaprShared.Controller.Tests.Hosting;

/// <summary>What Program.cs gets from <c>AddDaprSharedController</c>. Section <c>Injector</c> is the webhook's (its
/// validation is tested with the webhook host, tests/DaprShared.Webhook.Tests/Hosting/ConfigurationTests).</summary>
[Collection(ControllerCollection.Name)]
public sealed class ControllerHostingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NoCluster_HostStartsAtOnceAndTheControllerIdles()
    {
        var logs = new TestLoggerProvider(output);
        using var host = BuildHost(new Dictionary<string, string?> { ["Kubernetes:Kubeconfig"] = "/nonexistent/kubeconfig" }, logs);

        var clock = Stopwatch.StartNew();
        await host.StartAsync();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));

        await ControllerHarness.WaitUntilAsync(() => logs.Lines.Any(l => l.Contains("[3000]", StringComparison.Ordinal)), "the no-cluster line is logged");
        await Task.Delay(200);
        logs.Lines.Count(l => l.Contains("[3000]", StringComparison.Ordinal)).Should().Be(1, "one line says so");
        logs.Lines.Single(l => l.Contains("[3000]", StringComparison.Ordinal)).Should().Contain("the controller stays idle; the webhook keeps serving");
        host.Services.GetRequiredService<ClusterConnection>().IsAvailable.Should().BeFalse();
        await host.StopAsync();
    }

    [Fact]
    public async Task NoCluster_TheCacheStatusSingletonSaysWhyTheControllerIdles()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["Kubernetes:Kubeconfig"] = "/nonexistent/kubeconfig" }, new TestLoggerProvider(output));
        var status = host.Services.GetRequiredService<ControllerCacheStatus>();

        await host.StartAsync();

        await ControllerHarness.WaitUntilAsync(
            () => status.IdleReason.StartsWith("no Kubernetes cluster", StringComparison.Ordinal), "the status /readyz reads says why there are no caches");
        host.Services.GetRequiredService<SharedInstanceController>().CacheStatus.Should().BeSameAs(status);
        status.Caches.Should().BeEmpty();
        await host.StopAsync();
    }

    [Fact]
    public async Task WithCluster_ReconcilesThroughTheHost()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"dapr-shared-{Guid.NewGuid():N}.kubeconfig");
        harness.Server.WriteKubeconfig(kubeconfig);
        try
        {
            using var host = BuildHost(
                new Dictionary<string, string?>
                {
                    ["Kubernetes:Kubeconfig"] = kubeconfig,
                    ["Controller:ControlPlaneNamespace"] = ControllerHarness.ControlPlaneNamespace,
                    ["Controller:LeaderElection:LeaseNamespace"] = ControllerHarness.LeaseNamespace,
                    ["Controller:LeaderElection:RetryPeriod"] = "00:00:00.2",
                    ["Injector:DefaultStrategy"] = "Deployment",
                },
                new TestLoggerProvider(output));
            await host.StartAsync();

            harness.PutPod("shop", "orders-1", "orders", strategy: "deployment");
            await harness.WaitForReadyAsync("shop", "orders");
            harness.Instance("shop", "orders")!.Spec.Strategy.Should().Be("deployment", "Injector:DefaultStrategy is reused by the controller");
            host.Services.GetRequiredService<IOptions<ClusterSettings>>().Value.DefaultStrategy.Should().Be(SharedStrategy.Deployment);
            await host.StopAsync();
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task InvalidControllerSettings_FailAtStart()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["Controller:ControlPlaneNamespace"] = "Not A Namespace" }, new TestLoggerProvider(output));

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("Controller:ControlPlaneNamespace");
    }

    [Fact]
    public async Task InvalidLeaderElectionTiming_FailsAtStart()
    {
        using var host = BuildHost(
            new Dictionary<string, string?> { ["Controller:LeaderElection:LeaseDuration"] = "00:00:05", ["Controller:LeaderElection:RenewDeadline"] = "00:00:10" },
            new TestLoggerProvider(output));

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("RenewDeadline");
    }

    [Fact]
    public void AddDaprSharedController_BindsEverySection()
    {
        using var host = BuildHost(
            new Dictionary<string, string?>
            {
                ["Controller:DaprdImage"] = "registry.example/daprd:1.16.2",
                ["Controller:Reconciler:Workers"] = "4",
                ["Controller:LeaderElection:LeaseName"] = "custom-lease",
                ["Kubernetes:Context"] = "kind-dev",
            },
            new TestLoggerProvider(output));

        host.Services.GetRequiredService<IOptions<ControllerSettings>>().Value.DaprdImage.Should().Be("registry.example/daprd:1.16.2");
        host.Services.GetRequiredService<IOptions<ReconcilerOptions>>().Value.Workers.Should().Be(4);
        host.Services.GetRequiredService<IOptions<LeaderElectionOptions>>().Value.LeaseName.Should().Be("custom-lease");
        host.Services.GetRequiredService<IOptions<KubernetesConnectionOptions>>().Value.Context.Should().Be("kind-dev");
        host.Services.GetServices<IValidateOptions<ClusterSettings>>().Should().BeEmpty("section Injector is the webhook's own: its host registers it");
        host.Services.GetServices<IHostedService>().Should().ContainSingle(s => s.GetType().Name == "ControllerHostedService");
    }

    private static IHost BuildHost(Dictionary<string, string?> settings, TestLoggerProvider logs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // Never the developer's cluster: without a kubeconfig of the test's, one that does not exist.
        settings.TryAdd("Kubernetes:Kubeconfig", "/nonexistent/kubeconfig");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);

        // Each test gets its own metrics, so counts never mix between tests.
        builder.Services.AddSingleton(new ControllerMetrics(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry())));

        // The webhook host's part: section Injector is its own, and the controller reads it.
        builder.Services.AddOptions<ClusterSettings>().BindConfiguration(ClusterSettings.SectionName);
        builder.Services.AddDaprSharedController();
        return builder.Build();
    }
}
