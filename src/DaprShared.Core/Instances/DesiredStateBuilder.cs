using System.Text;
using DaprShared.Core.Contract;
using k8s;
using k8s.Models;

namespace DaprShared.Core.Instances;

/// <summary>Instance + configuration in, desired objects out (DESIGN §4). Pure and deterministic: the same input
/// always gives the same objects in the same order, so applying them again writes nothing.</summary>
/// <remarks>The API-token Secret is split out on purpose: its value is random, so the reconciler creates it once
/// (<see cref="ApiTokenSecret"/>) and afterwards only ever applies its metadata (<see cref="ApiTokenSecretMetadata"/>),
/// never its data.</remarks>
public static class DesiredStateBuilder
{
    public static DesiredStateResult Build(DaprSharedInstance instance, ClusterSettings cluster, ControllerSettings controller)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(controller);

        var resolution = InstanceSpecResolver.Resolve(instance, cluster);
        var problems = resolution.Problems.ToList();
        if (string.IsNullOrEmpty(instance.Metadata?.Name) || string.IsNullOrEmpty(instance.Metadata.Uid))
        {
            // Owner references need both; an instance read from the API server always has them.
            problems.Add(new SpecProblem("metadata", "the instance has no name or uid (was it read from the API server?)", Fatal: true));
        }

        if (resolution.Spec is not { } spec || problems.Exists(p => p.Fatal))
        {
            return new DesiredStateResult(null, problems);
        }

        var endpoints = ControlPlaneEndpoints.From(controller, cluster);
                var appId = spec.AppId;
        var workload = SharedObjectNames.Workload(appId);
        var template = DaprdPodTemplate.Build(spec, cluster, controller, endpoints);

        var serviceAccount = new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = V1ServiceAccount.KubeKind,
            Metadata = Metadata(workload, spec, instance),

            // daprd talks to the control plane with the projected Sentry token, not the API-server token.
            AutomountServiceAccountToken = false,
        };

        var service = new V1Service
        {
            ApiVersion = "v1",
            Kind = V1Service.KubeKind,
            Metadata = Metadata(SharedObjectNames.Service(appId), spec, instance),
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = InstanceLabels.Selector(appId),
                Ports =
                [
                    ServicePort(DaprPorts.HttpName, DaprPorts.Http),
                    ServicePort(DaprPorts.GrpcName, DaprPorts.Grpc),
                    ServicePort(DaprPorts.InternalGrpcName, DaprPorts.InternalGrpc),
                    ServicePort(DaprPorts.MetricsName, DaprPorts.Metrics),
                ],
            },
        };

        V1DaemonSet? daemonSet = null;
        V1Deployment? deployment = null;
        V1Service? localService = null;
        V1PodDisruptionBudget? pdb = null;
        var objects = new List<IKubernetesObject<V1ObjectMeta>> { serviceAccount, service };
        IReadOnlyList<OwnedObjectRef> unwanted;

        if (spec.Strategy == SharedStrategy.DaemonSet)
        {
            localService = new V1Service
            {
                ApiVersion = "v1",
                Kind = V1Service.KubeKind,
                Metadata = Metadata(SharedObjectNames.LocalService(appId), spec, instance),
                Spec = new V1ServiceSpec
                {
                    Type = "ClusterIP",

                    // The point of the daemonset strategy: an app only ever talks to the daprd on its own node.
                    InternalTrafficPolicy = "Local",
                    Selector = InstanceLabels.Selector(appId),
                    Ports =
                    [
                        ServicePort(DaprPorts.HttpName, DaprPorts.Http),
                        ServicePort(DaprPorts.GrpcName, DaprPorts.Grpc),
                    ],
                },
            };
            daemonSet = new V1DaemonSet
            {
                ApiVersion = "apps/v1",
                Kind = V1DaemonSet.KubeKind,
                Metadata = Metadata(workload, spec, instance),
                Spec = new V1DaemonSetSpec
                {
                    Selector = new V1LabelSelector { MatchLabels = InstanceLabels.Selector(appId) },
                    Template = template,
                    UpdateStrategy = new V1DaemonSetUpdateStrategy
                    {
                        Type = "RollingUpdate",
                        RollingUpdate = new V1RollingUpdateDaemonSet { MaxUnavailable = 1 },
                    },
                },
            };
            objects.Add(localService);
            objects.Add(daemonSet);
            unwanted =
            [
                new OwnedObjectRef("apps/v1", V1Deployment.KubeKind, spec.Namespace, workload),
                new OwnedObjectRef("policy/v1", V1PodDisruptionBudget.KubeKind, spec.Namespace, workload),
            ];
        }
        else
        {
            template.Spec.TopologySpreadConstraints =
            [
                new V1TopologySpreadConstraint
                {
                    // Soft: spread replicas over nodes when possible, never block scheduling.
                    MaxSkew = 1,
                    TopologyKey = "kubernetes.io/hostname",
                    WhenUnsatisfiable = "ScheduleAnyway",
                    LabelSelector = new V1LabelSelector { MatchLabels = InstanceLabels.Selector(appId) },
                },
            ];
            deployment = new V1Deployment
            {
                ApiVersion = "apps/v1",
                Kind = V1Deployment.KubeKind,
                Metadata = Metadata(workload, spec, instance),
                Spec = new V1DeploymentSpec
                {
                    Replicas = spec.Replicas,
                    Selector = new V1LabelSelector { MatchLabels = InstanceLabels.Selector(appId) },
                    Template = template,
                    Strategy = new V1DeploymentStrategy
                    {
                        Type = "RollingUpdate",

                        // Surge first: apps of this app-id always have a daprd to talk to during a rollout.
                        RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 },
                    },
                },
            };
            pdb = new V1PodDisruptionBudget
            {
                ApiVersion = "policy/v1",
                Kind = V1PodDisruptionBudget.KubeKind,
                Metadata = Metadata(workload, spec, instance),
                Spec = new V1PodDisruptionBudgetSpec
                {
                    Selector = new V1LabelSelector { MatchLabels = InstanceLabels.Selector(appId) },
                    MinAvailable = IntOrPercent(controller.PdbMinAvailable),
                    MaxUnavailable = IntOrPercent(controller.PdbMaxUnavailable),

                    // A crash-looping daprd must not block node drains.
                    UnhealthyPodEvictionPolicy = "AlwaysAllow",
                },
            };
            objects.Add(pdb);
            objects.Add(deployment);
            unwanted =
            [
                new OwnedObjectRef("apps/v1", V1DaemonSet.KubeKind, spec.Namespace, workload),
                new OwnedObjectRef("v1", V1Service.KubeKind, spec.Namespace, SharedObjectNames.LocalService(appId)),
            ];
        }

        var state = new DesiredState
        {
            Spec = spec,
            ServiceAccount = serviceAccount,
            DaemonSet = daemonSet,
            Deployment = deployment,
            Service = service,
            LocalService = localService,
            PodDisruptionBudget = pdb,
            Endpoints = EndpointsFor(spec, cluster),
            Objects = objects,
            Unwanted = unwanted,
        };
        return new DesiredStateResult(state, problems);
    }

    /// <summary>The API-token Secret with its value, for the one-time create. Never apply it again: a second apply
    /// with a new random value would rotate the token under running apps.</summary>
    public static V1Secret ApiTokenSecret(DaprSharedInstance instance, string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var secret = ApiTokenSecretMetadata(instance);
        secret.Data = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [EnvNames.ApiTokenSecretKey] = Encoding.UTF8.GetBytes(token) };
        return secret;
    }

    /// <summary>The API-token Secret without data: what to apply to repair its labels and owner reference.</summary>
    public static V1Secret ApiTokenSecretMetadata(DaprSharedInstance instance)
    {
        var (appId, ns) = Identity(instance);
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = V1Secret.KubeKind,
            Metadata = new V1ObjectMeta
            {
                Name = SharedObjectNames.ApiTokenSecret(appId),
                NamespaceProperty = ns,
                Labels = InstanceLabels.Common(appId),
                OwnerReferences = [OwnerReferenceFor(instance)],
            },
            Type = "Opaque",
        };
    }

    /// <summary>The namespace's trust-anchors ConfigMap (only Dapr's public root <c>ca.crt</c>, never a key). It is
    /// shared by every instance of the namespace, so each of <paramref name="owners"/> gets a non-controller owner
    /// reference (sorted by uid) and Kubernetes deletes it with the last instance. Apply it with all current owners:
    /// with one field manager, an apply that leaves an owner out removes it.</summary>
    public static V1ConfigMap TrustAnchorsConfigMap(string ns, IEnumerable<DaprSharedInstance> owners, string caCertificatePem)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(caCertificatePem);
        if (caCertificatePem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            // Upstream copies the issuer key into a ConfigMap; this product must never do that, whatever it is handed.
            throw new ArgumentException("trust anchors must be certificates only, never a private key", nameof(caCertificatePem));
        }

        var references = owners
            .Where(o => string.Equals(o.Metadata?.NamespaceProperty, ns, StringComparison.Ordinal))
            .Select(o => OwnerReferenceFor(o, controller: false))
            .GroupBy(r => r.Uid, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(r => r.Uid, StringComparer.Ordinal)
            .ToList();

        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = V1ConfigMap.KubeKind,
            Metadata = new V1ObjectMeta
            {
                Name = SharedObjectNames.TrustAnchorsConfigMap,
                NamespaceProperty = ns,
                Labels = InstanceLabels.TrustAnchors(),
                OwnerReferences = references.Count > 0 ? references : null,
            },
            Data = new Dictionary<string, string>(StringComparer.Ordinal) { [SharedObjectNames.TrustAnchorsKey] = caCertificatePem },
        };
    }

    /// <summary>The owner reference every owned object carries. <paramref name="controller"/> is false only for
    /// objects shared between instances (a object can have one controller).</summary>
    public static V1OwnerReference OwnerReferenceFor(DaprSharedInstance instance, bool controller = true)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (string.IsNullOrEmpty(instance.Metadata?.Name) || string.IsNullOrEmpty(instance.Metadata.Uid))
        {
            throw new ArgumentException("the instance needs metadata.name and metadata.uid to own objects", nameof(instance));
        }

        return new V1OwnerReference
        {
            ApiVersion = DaprSharedInstance.GroupVersion,
            Kind = DaprSharedInstance.EntityKind,
            Name = instance.Metadata.Name,
            Uid = instance.Metadata.Uid,
            Controller = controller,

            // Foreground deletion of the instance waits for what it controls; shared objects must not hold it up.
            BlockOwnerDeletion = controller,
        };
    }

    /// <summary>The endpoints apps of this instance get from the webhook (DESIGN §3), for the instance status.</summary>
    public static InstanceEndpoints EndpointsFor(ResolvedInstanceSpec spec, ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cluster);
        var host = SharedObjectNames.ServiceHost(SharedObjectNames.EndpointService(spec.AppId, spec.Strategy), spec.Namespace, cluster.ClusterDomain);
        return new InstanceEndpoints
        {
            Http = $"http://{host}:{DaprPorts.Http}",
            Grpc = $"http://{host}:{DaprPorts.Grpc}",
        };
    }

    private static (string AppId, string Namespace) Identity(DaprSharedInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var appId = instance.Spec?.AppId;
        var ns = instance.Metadata?.NamespaceProperty;
        if (appId is null || !AppIdRules.IsValid(appId) || string.IsNullOrEmpty(ns))
        {
            throw new ArgumentException("the instance needs a valid spec.appId and metadata.namespace", nameof(instance));
        }

        return (appId, ns);
    }

    /// <summary>Fresh objects each time: Kubernetes models are mutable records and callers may edit what they get.</summary>
    private static V1ObjectMeta Metadata(string name, ResolvedInstanceSpec spec, DaprSharedInstance owner) => new()
    {
        Name = name,
        NamespaceProperty = spec.Namespace,
        Labels = InstanceLabels.Common(spec.AppId),
        OwnerReferences = [OwnerReferenceFor(owner)],
    };

    private static V1ServicePort ServicePort(string name, int port) => new()
    {
        Name = name,
        Port = port,
        Protocol = "TCP",

        // By name: the container port is the single place that says which number daprd listens on.
        TargetPort = name,
    };

    private static IntOrString? IntOrPercent(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        return int.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : trimmed;
    }
}
