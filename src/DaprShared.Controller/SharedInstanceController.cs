using DaprShared.Controller.Cluster;
using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Leadership;
using DaprShared.Controller.Options;
using DaprShared.Controller.Reconciliation;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller;

/// <summary>The controller of DESIGN §4: with a cluster, competes for the leader Lease and, while leading,
/// reconciles every DaprSharedInstance; without one, returns at once (the resolver already said so in the log).</summary>
public sealed class SharedInstanceController
{
    private const string DefaultLeaseNamespace = "dapr-shared-system";

    private readonly ClusterConnection connection;
    private readonly ClusterSettings cluster;
    private readonly ControllerSettings settings;
    private readonly ReconcilerOptions reconciler;
    private readonly LeaderElectionOptions election;
    private readonly ControllerMetrics metrics;
    private readonly ILoggerFactory loggers;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private LeaderElectionLoop? loop;
    private volatile bool running;

    public SharedInstanceController(
        ClusterConnection connection,
        ClusterSettings cluster,
        ControllerSettings settings,
        ReconcilerOptions reconciler,
        LeaderElectionOptions election,
        ControllerMetrics metrics,
        ILoggerFactory loggers,
        TimeProvider time,
        ControllerCacheStatus? cacheStatus = null)
    {
        this.connection = connection;
        this.cluster = cluster;
        this.settings = settings;
        this.reconciler = reconciler;
        this.election = election;
        this.metrics = metrics;
        this.loggers = loggers;
        this.time = time;
        CacheStatus = cacheStatus ?? new ControllerCacheStatus();
        logger = loggers.CreateLogger<SharedInstanceController>();
        Identity = string.IsNullOrWhiteSpace(election.Identity)
            ? $"{Environment.MachineName.ToLowerInvariant()}_{Guid.NewGuid().ToString("N")[..8]}"
            : election.Identity;
    }

    /// <summary>This replica's name in the Lease and in the Events it reports.</summary>
    public string Identity { get; }

    /// <summary>Whether the caches of the term this replica runs are synced and watching, or why it runs none.</summary>
    public ControllerCacheStatus CacheStatus { get; }

    /// <summary>True while this replica holds the lease (always true while running without leader election).</summary>
    public bool IsLeader => loop?.IsLeader ?? (running && !election.Enabled);

    public async Task RunAsync(CancellationToken stopping)
    {
        if (!reconciler.Enabled)
        {
            CacheStatus.SetIdle("the controller is disabled by configuration");
            ControllerLog.ControllerDisabled(logger);
            return;
        }

        if (!connection.IsAvailable)
        {
            CacheStatus.SetIdle($"no Kubernetes cluster ({connection.Description})");
            return;
        }

        var env = new ControllerEnvironment(connection.Client, cluster, settings, reconciler, metrics, loggers, time, Identity, CacheStatus);
        var term = new ReconcilerTerm(env);
        running = true;
        try
        {
            if (!election.Enabled)
            {
                ControllerLog.LeaderElectionDisabled(logger);
                await term.RunAsync(stopping).ConfigureAwait(false);
                return;
            }

            // A standby replica has no caches, and nothing to be unready about: the leader reconciles.
            CacheStatus.SetIdle("not the leader: another replica reconciles");
            loop = new LeaderElectionLoop(connection.Client, election, LeaseNamespace(), Identity, metrics, time, loggers.CreateLogger<LeaderElectionLoop>());
            await loop.RunAsync(term.RunAsync, stopping).ConfigureAwait(false);
        }
        finally
        {
            running = false;
            CacheStatus.SetIdle("the controller has stopped");
        }
    }

    private string LeaseNamespace()
    {
        if (!string.IsNullOrWhiteSpace(election.LeaseNamespace))
        {
            return election.LeaseNamespace;
        }

        if (Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } podNamespace)
        {
            return podNamespace;
        }

        return connection.Source == ClusterConnectionSource.InCluster && connection.Namespace is { Length: > 0 } own ? own : DefaultLeaseNamespace;
    }
}
