using System.Text.Json.Nodes;
using DaprShared.Core.Instances;
using DaprShared.FakeKubeApi;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>The suite's real API server and an in-process fake (tests/DaprShared.FakeKubeApi) side by side, each
/// behind a <see cref="RawApiClient"/>: a scenario runs against both at once and each returns what its server
/// answered, so a test can require the fake to answer like the real one.</summary>
public sealed class AgreementServers : IAsyncDisposable
{
    /// <summary>The product's custom resource, as the CRD in deploy/ serves it.</summary>
    public static readonly ResourceType InstanceType = new(
        DaprSharedInstance.Group, DaprSharedInstance.Version, DaprSharedInstance.Plural, DaprSharedInstance.EntityKind, Namespaced: true, HasStatusSubresource: true);

    private readonly RealCluster cluster;

    private AgreementServers(RealCluster cluster, FakeKubeApiServer fake)
    {
        this.cluster = cluster;
        Fake = fake;
        RealApi = RawApiClient.Real(cluster.Plane);
        FakeApi = RawApiClient.Fake(fake);
    }

    public FakeKubeApiServer Fake { get; }

    public RawApiClient RealApi { get; }

    public RawApiClient FakeApi { get; }

    /// <summary>A fake that, like a real server, refuses objects in namespaces that do not exist.</summary>
    public static async Task<AgreementServers> StartAsync(RealCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var fake = await FakeKubeApiServer.StartAsync(new FakeKubeApiOptions { RequireNamespaces = true }).ConfigureAwait(false);
        fake.Types.Register(InstanceType);
        return new AgreementServers(cluster, fake);
    }

    /// <summary>A new namespace of the same name on both servers (the real one with its <c>default</c>
    /// ServiceAccount, which pods need).</summary>
    public async Task<string> NamespaceAsync(string prefix)
    {
        var name = await cluster.CreateNamespaceAsync(prefix).ConfigureAwait(false);
        var created = await FakeApi.PostAsync("/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }).ConfigureAwait(false);
        if (created.Status != 201)
        {
            throw new InvalidOperationException($"the fake did not create namespace {name}: {created.Describe()}");
        }

        return name;
    }

    /// <summary>Runs <paramref name="scenario"/> against the real server and the fake at the same time.</summary>
    public async Task<(T Real, T Fake)> BothAsync<T>(Func<RawApiClient, Task<T>> scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var real = scenario(RealApi);
        var fake = scenario(FakeApi);
        await Task.WhenAll(real, fake).ConfigureAwait(false);
        return (await real.ConfigureAwait(false), await fake.ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        RealApi.Dispose();
        FakeApi.Dispose();
        await Fake.DisposeAsync().ConfigureAwait(false);
    }
}
