using System.Text.Json.Nodes;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.FakeKubeApi;

namespace DaprShared.AotSmoke;

/// <summary>The fake API server set up like tests/DaprShared.Controller.Tests' ControllerHarness: the
/// DaprSharedInstance type registered, Dapr's trust bundle in place, a kubeconfig on disk; plus read helpers over
/// the store (which the binary's own requests do not touch).</summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    public const string ControlPlaneNamespace = "dapr-system";
    public const string LeaseNamespace = "dapr-shared-system";
    public const string LeaseName = "dapr-shared-controller";

    private static readonly ResourceType InstanceType = new(
        DaprSharedInstance.Group, DaprSharedInstance.Version, DaprSharedInstance.Plural, DaprSharedInstance.EntityKind, Namespaced: true, HasStatusSubresource: true);

    private FakeCluster(FakeKubeApiServer server, string trustAnchorsPem, string kubeconfig)
    {
        Server = server;
        TrustAnchorsPem = trustAnchorsPem;
        Kubeconfig = kubeconfig;
    }

    public FakeKubeApiServer Server { get; }

    public ObjectStore Store => Server.Store;

    /// <summary>The <c>ca.crt</c> of Dapr's trust bundle, which the controller copies into every app namespace.</summary>
    public string TrustAnchorsPem { get; }

    public string Kubeconfig { get; }

    public static async Task<FakeCluster> StartAsync(string directory)
    {
        var server = await FakeKubeApiServer.StartAsync().ConfigureAwait(false);
        server.Types.Register(InstanceType);
        var pem = SmokeCertificates.CreateRootPem();
        server.Store.Put(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = SharedObjectNames.DaprTrustBundleConfigMap, ["namespace"] = ControlPlaneNamespace },
            ["data"] = new JsonObject { [SharedObjectNames.TrustAnchorsKey] = pem },
        });
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        server.WriteKubeconfig(kubeconfig);
        return new FakeCluster(server, pem, kubeconfig);
    }

    /// <summary>An app pod as the webhook leaves it (ControllerHarness.PutPod): opted in, with the app-id label and
    /// the injected annotation, so the controller must create an instance for it.</summary>
    public void PutInjectedPod(string ns, string name, string appId, string appPort, SharedStrategy strategy)
    {
        Store.Put(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = new JsonObject { ["app"] = appId, [DaprSharedKeys.AppIdLabel] = appId },
                ["annotations"] = new JsonObject
                {
                    [DaprSharedKeys.Enabled] = "true",
                    [DaprSharedKeys.AppId] = appId,
                    [DaprSharedKeys.AppPort] = appPort,
                    [DaprSharedKeys.Strategy] = strategy.ToValue(),
                    [DaprSharedKeys.Injected] = strategy.ToValue(),
                },
            },
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "example/app:1" }),
            },
        });
    }

    public JsonObject? Get(string apiVersion, string kind, string? ns, string name) => Store.Get(apiVersion, kind, ns, name);

    public JsonObject? Instance(string ns, string name) => Get(DaprSharedInstance.GroupVersion, DaprSharedInstance.EntityKind, ns, name);

    /// <summary>The status of condition <paramref name="type"/> of an instance, or null.</summary>
    public string? Condition(string ns, string name, string type) =>
        Instance(ns, name)?["status"]?["conditions"]?.AsArray()
            .FirstOrDefault(c => (string?)c?["type"] == type)?["status"]?.GetValue<string>();

    /// <summary>The Lease's holder: null when there is no Lease, "" when it has none.</summary>
    public string? LeaseHolder() =>
        Get("coordination.k8s.io/v1", "Lease", LeaseNamespace, LeaseName) is { } lease
            ? (string?)lease["spec"]?["holderIdentity"] ?? ""
            : null;

    public async ValueTask DisposeAsync() => await Server.DisposeAsync().ConfigureAwait(false);
}
