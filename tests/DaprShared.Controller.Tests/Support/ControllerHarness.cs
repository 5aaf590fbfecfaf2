using System.Text.Json.Nodes;
using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Options;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.FakeKubeApi;
using DaprShared.Kubernetes.Cluster;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Prometheus;
using Xunit.Abstractions;

namespace DaprShared.Controller.Tests.Support;

/// <summary>A fake API server with the CRD registered, Dapr's trust bundle in place, a stand-in for the
/// DaemonSet/Deployment controllers, and controllers under test wired to it with short timings.</summary>
internal sealed class ControllerHarness : IAsyncDisposable
{
    public const string TrustAnchorsPem = "-----BEGIN CERTIFICATE-----\nMIIBfakeRootForTests\n-----END CERTIFICATE-----\n";
    public const string ControlPlaneNamespace = "dapr-system";
    public const string LeaseNamespace = "dapr-shared-system";

    public static readonly ResourceType InstanceType = new(
        DaprSharedInstance.Group, DaprSharedInstance.Version, DaprSharedInstance.Plural, DaprSharedInstance.EntityKind, Namespaced: true, HasStatusSubresource: true);

    private readonly ITestOutputHelper output;
    private readonly List<RunningController> controllers = [];
    private readonly CancellationTokenSource stopping = new();
    private Task? workloads;

    private ControllerHarness(FakeKubeApiServer server, ITestOutputHelper output)
    {
        Server = server;
        this.output = output;
        Client = server.CreateClient();
    }

    public FakeKubeApiServer Server { get; }

    public ObjectStore Store => Server.Store;

    /// <summary>The test's own client (its requests show up in the request log like anyone's).</summary>
    public IKubernetes Client { get; }

    /// <summary>What the stand-in workload controllers report: all daprd pods available, or none.</summary>
    public volatile bool WorkloadsAvailable = true;

    public static async Task<ControllerHarness> StartAsync(ITestOutputHelper output, Action<FakeKubeApiOptions>? configure = null, bool trustBundle = true)
    {
        var options = new FakeKubeApiOptions { BookmarkInterval = TimeSpan.FromMilliseconds(300) };
        configure?.Invoke(options);
        var server = await FakeKubeApiServer.StartAsync(options);
        server.Types.Register(InstanceType);
        var harness = new ControllerHarness(server, output);
        if (trustBundle)
        {
            harness.PutTrustBundle(TrustAnchorsPem);
        }

        harness.workloads = Task.Run(() => harness.PlayWorkloadControllersAsync(harness.stopping.Token));
        return harness;
    }

    public RunningController StartController(
        string name = "a",
        Action<ReconcilerOptions>? reconciler = null,
        Action<LeaderElectionOptions>? election = null,
        ClusterSettings? cluster = null,
        DelegatingHandler? observer = null)
    {
        var reconcilerOptions = new ReconcilerOptions
        {
            Workers = 2,
            ResyncPeriod = TimeSpan.FromMilliseconds(400),
            RetryInitialDelay = TimeSpan.FromMilliseconds(50),
            RetryMaxDelay = TimeSpan.FromSeconds(1),
            WatchRetryInitialDelay = TimeSpan.FromMilliseconds(100),
            WatchRetryMaxDelay = TimeSpan.FromSeconds(1),
            WatchTimeout = TimeSpan.FromSeconds(60),
            ConflictRecheckPeriod = TimeSpan.FromMilliseconds(500),
            ReconcileTimeout = TimeSpan.FromSeconds(10),
        };
        reconciler?.Invoke(reconcilerOptions);
        var electionOptions = new LeaderElectionOptions
        {
            LeaseNamespace = LeaseNamespace,
            Identity = "controller-" + name,
            LeaseDuration = TimeSpan.FromSeconds(2),
            RenewDeadline = TimeSpan.FromMilliseconds(1500),
            RetryPeriod = TimeSpan.FromMilliseconds(250),
        };
        election?.Invoke(electionOptions);

        var handler = new CountingHandler();
        var connection = observer is null
            ? ClusterConnection.From(Server.ClientConfiguration(), handlers: handler)
            : ClusterConnection.From(Server.ClientConfiguration(), handlers: [handler, observer]);
        var logs = new TestLoggerProvider(output, $"[{name}] ");
        var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        var metrics = new ControllerMetrics(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));
        var controller = new SharedInstanceController(
            connection,
            cluster ?? new ClusterSettings(),
            new ControllerSettings { ControlPlaneNamespace = ControlPlaneNamespace },
            reconcilerOptions,
            electionOptions,
            metrics,
            loggers,
            TimeProvider.System);
        var running = new RunningController(controller, connection, handler, logs, metrics, loggers);
        controllers.Add(running);
        return running;
    }

    public void PutTrustBundle(string pem) => Store.Put(new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = SharedObjectNames.DaprTrustBundleConfigMap, ["namespace"] = ControlPlaneNamespace },
        ["data"] = new JsonObject { ["ca.crt"] = pem },
    });

    /// <summary>An app pod as the webhook leaves it (label + injected annotation), or, with
    /// <paramref name="injected"/> false, as it is when the webhook missed it.</summary>
    public V1Pod PutPod(string ns, string name, string appId, IDictionary<string, string>? annotations = null, bool injected = true, string strategy = "daemonset")
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DaprSharedKeys.Enabled] = "true",
            [DaprSharedKeys.AppId] = appId,
        };
        foreach (var (key, value) in annotations ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = appId };
        if (injected)
        {
            all[DaprSharedKeys.Injected] = strategy;
            labels[DaprSharedKeys.AppIdLabel] = appId;
        }

        return Store.Put(new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels, Annotations = all },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "example/app:1" }] },
        });
    }

    /// <summary>A DaprSharedInstance created through the API, as a user (or GitOps) would.</summary>
    public async Task<DaprSharedInstance> CreateInstanceAsync(string ns, DaprSharedInstanceSpec spec)
    {
        var instance = new DaprSharedInstance { Metadata = new V1ObjectMeta { Name = spec.AppId, NamespaceProperty = ns }, Spec = spec };
        return await Client.CustomObjects.CreateNamespacedCustomObjectAsync<DaprSharedInstance>(
            instance, DaprSharedInstance.Group, DaprSharedInstance.Version, ns, DaprSharedInstance.Plural);
    }

    public DaprSharedInstance? Instance(string ns, string name) => Store.Get<DaprSharedInstance>(ns, name);

    public V1Condition? Condition(string ns, string name, string type) =>
        Instance(ns, name)?.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    public IReadOnlyList<Corev1Event> Events(string ns, string? reason = null) =>
        Store.List<Corev1Event>(ns).Where(e => reason is null || e.Reason == reason).ToList();

    public static async Task WaitUntilAsync(Func<bool> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting until " + because);
            }

            await Task.Delay(25);
        }
    }

    /// <summary>The common start of a test: one injected pod <c>{appId}-1</c> appears and the instance the controller
    /// creates for it becomes Ready.</summary>
    public async Task PutReadyPodAsync(string ns, string appId)
    {
        PutPod(ns, appId + "-1", appId);
        await WaitForReadyAsync(ns, appId);
    }

    /// <summary>Waits until every owned object of a converged daemonset instance exists and it is Ready.</summary>
    public async Task WaitForReadyAsync(string ns, string appId, TimeSpan? timeout = null) =>
        await WaitUntilAsync(() => Condition(ns, appId, InstanceConditions.Ready)?.Status == "True", $"{ns}/{appId} is Ready", timeout);

    public async ValueTask DisposeAsync()
    {
        foreach (var controller in controllers)
        {
            await controller.DisposeAsync();
        }

        await stopping.CancelAsync();
        if (workloads is not null)
        {
            await workloads;
        }

        Client.Dispose();
        await Server.DisposeAsync();
        stopping.Dispose();
    }

    /// <summary>Plays kube-controller-manager's DaemonSet and Deployment controllers: reports every daprd pod
    /// available (or none, see <see cref="WorkloadsAvailable"/>) for the current generation.</summary>
    private async Task PlayWorkloadControllersAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                foreach (var ds in Store.List("apps/v1", "DaemonSet"))
                {
                    var available = WorkloadsAvailable ? 2 : 0;
                    SetStatus(ds, "DaemonSet", new JsonObject
                    {
                        ["currentNumberScheduled"] = 2,
                        ["desiredNumberScheduled"] = 2,
                        ["numberAvailable"] = available,
                        ["numberReady"] = available,
                        ["updatedNumberScheduled"] = 2,
                        ["numberMisscheduled"] = 0,
                    });
                }

                foreach (var deploy in Store.List("apps/v1", "Deployment"))
                {
                    var replicas = deploy["spec"]?["replicas"] is { } r ? int.Parse(r.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) : 1;
                    var available = WorkloadsAvailable ? replicas : 0;
                    SetStatus(deploy, "Deployment", new JsonObject
                    {
                        ["replicas"] = replicas,
                        ["availableReplicas"] = available,
                        ["readyReplicas"] = available,
                        ["updatedReplicas"] = replicas,
                    });
                }
            }
            catch (ApiError)
            {
                // Deleted between list and update.
            }

            try
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private void SetStatus(JsonObject workload, string kind, JsonObject status)
    {
        var metadata = workload["metadata"]!;
        status["observedGeneration"] = long.Parse(metadata["generation"]!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
        if (JsonNode.DeepEquals(workload["status"], status))
        {
            return;
        }

        Store.Update("apps/v1", kind, metadata["namespace"]!.GetValue<string>(), metadata["name"]!.GetValue<string>(), obj => obj["status"] = status);
    }
}
