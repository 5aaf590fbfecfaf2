namespace DaprShared.Core.Instances;

/// <summary>Cluster-wide defaults for every shared daprd (configuration section <c>Controller</c>; environment form
/// <c>Controller__DaprdImage</c>). Validate with <see cref="ControllerSettingsValidator"/>.</summary>
public sealed class ControllerSettings
{
    public const string SectionName = "Controller";

    public string DaprdImage { get; set; } = "ghcr.io/dapr/daprd:1.16.1";

    /// <summary><c>Always</c>, <c>IfNotPresent</c> or <c>Never</c>.</summary>
    public string ImagePullPolicy { get; set; } = "IfNotPresent";

    /// <summary>Names of Secrets (in each app namespace) for pulling the daprd image.</summary>
    public List<string> ImagePullSecrets { get; set; } = [];

    /// <summary>Where Dapr's control plane runs; every derived address and the Sentry audience use it.</summary>
    public string ControlPlaneNamespace { get; set; } = "dapr-system";

    /// <summary>Dapr's trust domain (Dapr's <c>global.mtls.controlPlaneTrustDomain</c>).</summary>
    public string TrustDomain { get; set; } = "cluster.local";

    /// <summary><c>host:port</c> of dapr-api (operator); empty = <c>dapr-api.&lt;ns&gt;.svc.&lt;domain&gt;:443</c>.</summary>
    public string ControlPlaneAddress { get; set; } = "";

    /// <summary><c>host:port</c> of Sentry; empty = <c>dapr-sentry.&lt;ns&gt;.svc.&lt;domain&gt;:443</c>.</summary>
    public string SentryAddress { get; set; } = "";

    /// <summary>Comma-separated <c>host:port</c> of placement; empty = <c>dapr-placement-server.&lt;ns&gt;.svc.&lt;domain&gt;:50005</c>.</summary>
    public string PlacementAddress { get; set; } = "";

    /// <summary>Comma-separated <c>host:port</c> of every scheduler replica; empty = one entry per
    /// <see cref="SchedulerReplicas"/>: <c>dapr-scheduler-server-N.dapr-scheduler-server.&lt;ns&gt;.svc.&lt;domain&gt;:50006</c>.</summary>
    public string SchedulerAddress { get; set; } = "";

    /// <summary>Replicas of Dapr's scheduler StatefulSet (3 in Dapr's chart), used only to derive <see cref="SchedulerAddress"/>.</summary>
    public int SchedulerReplicas { get; set; } = 3;

    /// <summary>daprd <c>--enable-mtls</c>. On by default (upstream dapr-shared ships it off).</summary>
    public bool EnableMtls { get; set; } = true;

    /// <summary>daprd <c>--log-as-json</c> for instances that do not set <c>logAsJson</c>.</summary>
    public bool LogAsJson { get; set; } = true;

    /// <summary>daprd's built-in <c>kubernetes</c> secret store needs the pod's API token and RBAC to read Secrets.
    /// Off by default: the daprd ServiceAccount gets no token and daprd runs with
    /// <c>--disable-builtin-k8s-secret-store</c> (component secretKeyRefs are resolved by dapr-operator, not by this).</summary>
    public bool EnableBuiltinKubernetesSecretStore { get; set; }

    public DaprdResourceSettings Resources { get; set; } = new();

    public List<TolerationSettings> Tolerations { get; set; } = [];

    public Dictionary<string, string> NodeSelector { get; set; } = new(StringComparer.Ordinal);

    public string PriorityClassName { get; set; } = "";

    /// <summary>PodDisruptionBudget of the deployment strategy: an integer or a percentage; empty = unset.
    /// Set at most one of <see cref="PdbMinAvailable"/> and <see cref="PdbMaxUnavailable"/>.</summary>
    public string PdbMinAvailable { get; set; } = "";

    public string PdbMaxUnavailable { get; set; } = "1";
}
