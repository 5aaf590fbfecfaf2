using System.Globalization;
using System.Net;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DaprShared.FakeKubeApi;

/// <summary>An in-process fake kube-apiserver: real HTTP on 127.0.0.1 (Kestrel, a free port), so KubernetesClient
/// talks to it exactly as to a cluster. The store survives <see cref="StopAsync"/>/<see cref="RestartAsync"/>, which
/// is how tests simulate "the API server is down".</summary>
public sealed class FakeKubeApiServer : IAsyncDisposable
{
    private readonly FakeKubeApiOptions options;
    private readonly RequestHandler handler;
    private readonly SemaphoreSlim lifecycle = new(1, 1);
    private WebApplication? app;
    private CancellationTokenSource stopping = new();

    private FakeKubeApiServer(FakeKubeApiOptions options, ResourceTypeRegistry types, TimeProvider? time)
    {
        this.options = options;
        Store = new ObjectStore(types, options, time);
        Requests = new RequestLog();
        Faults = new FaultInjector();
        handler = new RequestHandler(Store, Requests, Faults, options);
        Port = options.Port;
    }

    public ObjectStore Store { get; }

    public RequestLog Requests { get; }

    public FaultInjector Faults { get; }

    public ResourceTypeRegistry Types => Store.Types;

    /// <summary>The port, fixed after the first start so a restart comes back at the same address.</summary>
    public int Port { get; private set; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public bool IsRunning => app is not null;

    /// <summary>Starts a fake on a free loopback port.</summary>
    public static async Task<FakeKubeApiServer> StartAsync(FakeKubeApiOptions? options = null, ResourceTypeRegistry? types = null, TimeProvider? time = null)
    {
        var server = new FakeKubeApiServer(options ?? new FakeKubeApiOptions(), types ?? new ResourceTypeRegistry(), time);
        await server.RestartAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>Client settings for this server (plain HTTP, no credentials).</summary>
    public KubernetesClientConfiguration ClientConfiguration() => new() { Host = BaseUri.ToString().TrimEnd('/') };

    public IKubernetes CreateClient() => new Kubernetes(ClientConfiguration());

    /// <summary>Writes a kubeconfig file that points at this server, for code that loads one from disk.</summary>
    public void WriteKubeconfig(string path, string contextName = "fake")
    {
        var text = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {contextName}
              cluster:
                server: {BaseUri.ToString().TrimEnd('/')}
            users:
            - name: {contextName}
              user:
                token: fake-token
            contexts:
            - name: {contextName}
              context:
                cluster: {contextName}
                user: {contextName}
                namespace: default
            current-context: {contextName}
            """;
        File.WriteAllText(path, text);
    }

    /// <summary>"The API server goes down": open watches are cut, the port refuses connections.</summary>
    public async Task StopAsync()
    {
        await lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (app is null)
            {
                return;
            }

            await stopping.CancelAsync().ConfigureAwait(false);
            Store.CloseWatches();
            await app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            app = null;
        }
        finally
        {
            lifecycle.Release();
        }
    }

    /// <summary>Starts (again) on the same port; the store is unchanged.</summary>
    public async Task RestartAsync()
    {
        await lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (app is not null)
            {
                return;
            }

            stopping.Dispose();
            stopping = new CancellationTokenSource();
            var token = stopping.Token;
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.Logging.ClearProviders();
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, Port, listen => listen.Protocols = HttpProtocols.Http1);
                kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            });

            var built = builder.Build();
            built.Run(context => handler.HandleAsync(context, token));
            await StartWithRetryAsync(built).ConfigureAwait(false);
            if (Port == 0)
            {
                var address = built.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                Port = new Uri(address).Port;
            }

            app = built;
        }
        finally
        {
            lifecycle.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
        stopping.Dispose();
        lifecycle.Dispose();
    }

    // Right after a stop the port can still be held briefly; a restart retries instead of failing the test.
    private static async Task StartWithRetryAsync(WebApplication built)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await built.StartAsync().ConfigureAwait(false);
                return;
            }
            catch (IOException) when (attempt < 50)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }
}
