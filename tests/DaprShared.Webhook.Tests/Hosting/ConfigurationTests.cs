using DaprShared.Core.Contract;
using DaprShared.TestData;
using DaprShared.Webhook.Admission;
using DaprShared.Webhook.Hosting;
using DaprShared.Webhook.Tests.Infrastructure;
using DaprShared.Webhook.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaprShared.Webhook.Tests.Hosting;

/// <summary>Command-line switches land on the documented configuration keys and options; bad configuration fails
/// start-up with a message that names the key.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task Create_NoUrls_DefaultsToHttps8443OnAllInterfaces()
    {
        await using var app = WebhookHost.Create(["serve", "--kubeconfig", WebhookServer.NoCluster]);

        app.Configuration[WebHostDefaults.ServerUrlsKey].Should().Be("https://0.0.0.0:8443");
    }

    [Fact]
    public async Task Create_Urls_Wins()
    {
        await using var app = WebhookHost.Create(["--urls", "https://127.0.0.1:9443", "--kubeconfig", WebhookServer.NoCluster]);

        app.Configuration[WebHostDefaults.ServerUrlsKey].Should().Be("https://127.0.0.1:9443");
    }

    [Fact]
    public async Task Create_Switches_MapToConfigurationKeys()
    {
        await using var app = WebhookHost.Create(
            ["--tls-cert-file", "/c.crt", "--tls-key-file", "/c.key", "--tls-mode", "Files", "--kubeconfig", "/k", "--benchmark-noop"]);

        var tls = app.Services.GetRequiredService<IOptions<TlsOptions>>().Value;
        tls.CertFile.Should().Be("/c.crt");
        tls.KeyFile.Should().Be("/c.key");
        tls.Mode.Should().Be(TlsMode.Files);
        app.Configuration["Kubernetes:Kubeconfig"].Should().Be("/k");
        app.Services.GetRequiredService<IOptions<BenchmarkOptions>>().Value.NoopEndpoint.Should().BeTrue();
    }

    [Fact]
    public async Task Create_InjectorKeys_BindClusterSettings()
    {
        await using var app = WebhookHost.Create(
            ["--Injector:ClusterDomain=corp.example", "--Injector:DefaultStrategy=deployment", "--Injector:ApiTokens=false", "--kubeconfig", WebhookServer.NoCluster]);

        var settings = app.Services.GetRequiredService<IOptions<ClusterSettings>>().Value;

        settings.Should().Be(new ClusterSettings { ClusterDomain = "corp.example", DefaultStrategy = SharedStrategy.Deployment, ApiTokens = false });
    }

    [Fact]
    public async Task Mutate_ConfiguredClusterDomain_IsUsedInTheInjectedEndpoints()
    {
        await using var server = await WebhookServer.StartAsync(["--tls-mode", "SelfSigned", "--Injector:ClusterDomain=corp.example"]);
        using var client = server.CreateClient((await TlsProbe.HandshakeAsync(server.Port)).Certificate);

        using var response = await client.SendAsync(WebhookServer.Post("/mutate", Reviews.Wire("orders-deployment-pod.json")));

        var (_, patch) = Reviews.ReadResponse(await response.Content.ReadAsStringAsync());
        patch!.Value.ToString().Should().Contain(".svc.corp.example:3500").And.NotContain("cluster.local");
    }

    [Theory]
    [InlineData("--Injector:ClusterDomain=Cluster_Local.", "Injector:ClusterDomain")]
    [InlineData("--Injector:ClusterDomain=", "Injector:ClusterDomain")]
    [InlineData("--Injector:DefaultStrategy=sideways", "Injector:DefaultStrategy")]
    [InlineData("--Injector:ApiTokens=maybe", "Injector:ApiTokens")]
    [InlineData("--Injector:ClusterDomian=typo.example", "Injector:ClusterDomian is not a setting")]
    [InlineData("--Admission:MaxRequestBodyBytes=10", "Admission:MaxRequestBodyBytes")]
    [InlineData("--Admission:MaxBodyBytes=10", "MaxBodyBytes")]
    [InlineData("--tls-cert-file=/only-a-cert.crt", "must be given together")]
    [InlineData("--Tls:ReloadInterval=00:00:00.001", "Tls:ReloadInterval")]
    public async Task Start_BadConfiguration_FailsNamingTheKey(string arg, string message)
    {
        var app = WebhookServer.Create(["--tls-mode", "SelfSigned", arg], null, out _, out _);
        using var stderr = new StringWriter();

        var exitCode = await WebhookHost.RunAsync(app, stderr);

        exitCode.Should().Be(1);
        stderr.ToString().Should().StartWith("dapr-shared: cannot start: ").And.Contain(message);
    }

    [Theory]
    [InlineData("Injector:ClusterDomain", "Cluster_Local.", "Injector:ClusterDomain")]
    [InlineData("Injector:DefaultStrategy", "sideways", "Injector:DefaultStrategy")]
    [InlineData("Injector:ApiTokens", "maybe", "Injector:ApiTokens")]
    [InlineData("Injector:ClusterDomian", "typo.example", "Injector:ClusterDomian is not a setting")]
    public async Task StartAsync_InvalidClusterSettings_FailsWithAValidationError(string key, string value, string message)
    {
        await using var app = WebhookHost.Create([
            "--urls", "https://127.0.0.1:0", "--tls-mode", "SelfSigned", "--kubeconfig", WebhookServer.NoCluster, $"--{key}={value}"]);

        var start = () => app.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(message);
    }

    [Fact]
    public async Task RunAsync_MisspeltBenchmarkKey_FailsInOneLineWhileBuilding()
    {
        using var stderr = new StringWriter();

        var arguments = ServeArguments.Parse(
            ["--urls", "https://127.0.0.1:0", "--kubeconfig", WebhookServer.NoCluster, "--tls-mode", "SelfSigned", "--Benchmark:Noop=true"]);

        var exitCode = await WebhookHost.RunAsync(arguments, stderr).WaitAsync(TimeSpan.FromSeconds(30));

        exitCode.Should().Be(1);
        stderr.ToString().Should().StartWith("dapr-shared: cannot start: ").And.Contain("'Noop'");
    }

    [Fact]
    public async Task Start_UnknownTlsMode_FailsNamingTheKey()
    {
        var app = WebhookServer.Create(["--tls-mode", "Bogus"], null, out _, out _);
        using var stderr = new StringWriter();

        (await WebhookHost.RunAsync(app, stderr)).Should().Be(1);
        stderr.ToString().Should().Contain("Tls:Mode");
    }

    [Fact]
    public async Task Start_SelfManagedWithoutASource_FailsSayingTheModeIsUnavailable()
    {
        var app = WebhookServer.Create(["--tls-mode", "SelfManaged"], builder =>
        {
            // Whatever this build registers for self-managed TLS, this test is about a mode with no source.
            foreach (var registration in builder.Services.Where(d => d.IsKeyedService && Equals(d.ServiceKey, TlsMode.SelfManaged)).ToList())
            {
                builder.Services.Remove(registration);
            }
        }, out _, out _);
        using var stderr = new StringWriter();

        (await WebhookHost.RunAsync(app, stderr)).Should().Be(1);
        stderr.ToString().Should().Contain("SelfManaged").And.Contain("not available");
    }

    [Fact]
    public async Task Create_Kestrel_HasLimitsForSlowAndHostileClients()
    {
        await using var app = WebhookHost.Create(["--kubeconfig", WebhookServer.NoCluster]);

        var kestrel = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        kestrel.AddServerHeader.Should().BeFalse();
        kestrel.Limits.MaxRequestBodySize.Should().Be(WebhookKestrelSetup.DefaultMaxRequestBodySize, "only admission reads bodies, and raises it for itself");
        kestrel.Limits.RequestHeadersTimeout.Should().Be(TimeSpan.FromSeconds(5));
        kestrel.Limits.MinRequestBodyDataRate!.BytesPerSecond.Should().BePositive();
        kestrel.Limits.MaxConcurrentConnections.Should().NotBeNull();
    }
}
