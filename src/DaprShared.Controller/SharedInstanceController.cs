using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Options;
using DaprShared.Controller.Reconciliation;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.Kubernetes.Cluster;
using DaprShared.Kubernetes.Leadership;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller;

/// <summary>The controller of DESIGN §4: with a cluster, competes for the leader Lease and, while leading,
/// reconciles every DaprSharedInstance; without one, says so and returns at once.</summary>
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
    private readonly string leaseNamespace;
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
        ControllerCacheStatus? cacheStatus = null,
        ProcessIdentity? process = null)
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
        process ??= ProcessIdentity.FromEnvironment();
        Identity = string.IsNullOrWhiteSpace(election.Identity) ? process.Identity : election.Identity;
        leaseNamespace = string.IsNullOrWhiteSpace(election.LeaseNamespace) ? process.Namespace ?? DefaultLeaseNamespace : election.LeaseNamespace;
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
            ControllerLog.NoCluster(logger, connection.Description);
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
            loop = new LeaderElectionLoop(connection.Client, election.Lease(), leaseNamespace, Identity, metrics, time, loggers.CreateLogger<LeaderElectionLoop>());
            await loop.RunAsync(term.RunAsync, stopping).ConfigureAwait(false);
        }
        finally
        {
            running = false;
            CacheStatus.SetIdle("the controller has stopped");
        }
    }
}
