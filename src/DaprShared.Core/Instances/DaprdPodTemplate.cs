using System.Globalization;
using DaprShared.Core.Contract;
using k8s.Models;

namespace DaprShared.Core.Instances;

/// <summary>The daprd pod template: what upstream's dapr-shared chart and Dapr's sidecar injector give daprd, with
/// no empty flags, mTLS on, every control-plane name from configuration and a restricted security context.</summary>
public static class DaprdPodTemplate
{
    public const string ContainerName = DaprSharedKeys.DaprSidecarContainerName;
    public const string Executable = "/daprd";
    /// <summary>Ready once daprd's APIs serve, without waiting for the app channel. daprd's <c>/v1.0/healthz</c> waits
    /// for the app: with the app scaled to zero (or an app that waits for Dapr before opening its port, as the SDKs'
    /// waitForSidecar does) daprd would never become Ready and its Services would have no endpoints.</summary>
    public const string ReadinessPath = "/v1.0/healthz/outbound";

    public const string TokenVolumeName = "dapr-identity-token";
    public const string TokenMountPath = "/var/run/secrets/dapr.io/sentrytoken";
    public const string TokenFileName = "token";
    public const long TokenExpirationSeconds = 7200;

    public const string EnvNamespace = "NAMESPACE";
    public const string EnvPodName = "POD_NAME";
    public const string EnvTrustAnchors = "DAPR_TRUST_ANCHORS";
    public const string EnvControlPlaneNamespace = "DAPR_CONTROLPLANE_NAMESPACE";
    public const string EnvControlPlaneTrustDomain = "DAPR_CONTROLPLANE_TRUST_DOMAIN";
    public const string EnvSchedulerHostAddress = "DAPR_SCHEDULER_HOST_ADDRESS";

    /// <summary>The daprd command-line flags, in a fixed order, each one <c>--name=value</c> or a bare boolean flag.</summary>
    public static IReadOnlyList<string> Args(ResolvedInstanceSpec spec, ControllerSettings controller, ControlPlaneEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(endpoints);

        var args = new List<string>(24)
        {
            "--mode=kubernetes",
            "--app-id=" + spec.AppId,
        };
        if (spec.AppPort is { } port)
        {
            args.Add("--app-port=" + port.ToString(CultureInfo.InvariantCulture));
        }

        args.Add("--app-protocol=" + spec.AppProtocol);
        if (spec.AppChannelAddress is { Length: > 0 } channel)
        {
            args.Add("--app-channel-address=" + channel);
        }

        args.Add("--dapr-http-port=" + Number(DaprPorts.Http));
        args.Add("--dapr-grpc-port=" + Number(DaprPorts.Grpc));
        args.Add("--dapr-internal-grpc-port=" + Number(DaprPorts.InternalGrpc));
        args.Add("--dapr-public-port=" + Number(DaprPorts.Public));

        // A shared daprd serves other pods, so it must listen on the pod network, not loopback (daprd's k8s default).
        args.Add("--dapr-listen-addresses=0.0.0.0");
        args.Add("--control-plane-address=" + endpoints.ControlPlaneAddress);
        args.Add("--sentry-address=" + endpoints.SentryAddress);
        args.Add("--placement-host-address=" + endpoints.PlacementAddress);

        // daprd's lookup of DAPR_SCHEDULER_HOST_ADDRESS (set below too) is marked for removal from 1.16 on; the flag works
        // since 1.14 and wins when both are present.
        args.Add("--scheduler-host-address=" + endpoints.SchedulerAddress);
        args.Add("--enable-metrics");
        args.Add("--metrics-port=" + Number(DaprPorts.Metrics));
        if (controller.EnableMtls)
        {
            args.Add("--enable-mtls");
        }

        foreach (var option in InstanceSettings.DaprdOptions)
        {
            var value = spec.Options.TryGetValue(option, out var set) ? set : option.ConfiguredDefault?.Invoke(controller);
            if (option.DaprdArgument(value) is { } argument)
            {
                args.Add(argument);
            }
        }

        if (!controller.EnableBuiltinKubernetesSecretStore)
        {
            args.Add("--disable-builtin-k8s-secret-store");
        }

        return args;
    }

    public static V1PodTemplateSpec Build(ResolvedInstanceSpec spec, ClusterSettings cluster, ControllerSettings controller, ControlPlaneEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var appId = spec.AppId;

        var podSpec = new V1PodSpec
        {
            ServiceAccountName = SharedObjectNames.Workload(appId),
            AutomountServiceAccountToken = controller.EnableBuiltinKubernetesSecretStore,
            SecurityContext = new V1PodSecurityContext
            {
                RunAsNonRoot = true,
                SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
            },
            Containers = [Container(spec, cluster, controller, endpoints)],
            Volumes =
            [
                new V1Volume
                {
                    Name = TokenVolumeName,
                    Projected = new V1ProjectedVolumeSource
                    {
                        DefaultMode = 420,
                        Sources =
                        [
                            new V1VolumeProjection
                            {
                                ServiceAccountToken = new V1ServiceAccountTokenProjection
                                {
                                    Audience = endpoints.SentryAudience,
                                    ExpirationSeconds = TokenExpirationSeconds,
                                    Path = TokenFileName,
                                },
                            },
                        ],
                    },
                },
            ],
        };

        if (controller.ImagePullSecrets.Count > 0)
        {
            podSpec.ImagePullSecrets = controller.ImagePullSecrets
                .Where(s => !string.IsNullOrWhiteSpace(s))
                .Select(s => new V1LocalObjectReference { Name = s.Trim() })
                .ToList();
        }

        if (!string.IsNullOrWhiteSpace(controller.PriorityClassName))
        {
            podSpec.PriorityClassName = controller.PriorityClassName.Trim();
        }

        if (controller.NodeSelector.Count > 0)
        {
            podSpec.NodeSelector = InstanceLabels.Sorted(controller.NodeSelector.Select(p => (p.Key, p.Value)).ToArray());
        }

        if (controller.Tolerations.Count > 0)
        {
            podSpec.Tolerations = controller.Tolerations.Select(t => new V1Toleration
            {
                Key = NullIfEmpty(t.Key),
                OperatorProperty = NullIfEmpty(t.Operator),
                Value = NullIfEmpty(t.Value),
                Effect = NullIfEmpty(t.Effect),
                TolerationSeconds = t.TolerationSeconds,
            }).ToList();
        }

        return new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta
            {
                Labels = InstanceLabels.Pod(appId),
                Annotations = InstanceLabels.Sorted(
                    (DaprSharedKeys.DaprAppId, appId),

                    // The namespace opt-in webhook entry must never turn daprd itself into an app of its own app-id.
                    (DaprSharedKeys.Enabled, "false"),
                    ("prometheus.io/path", "/"),
                    ("prometheus.io/port", Number(DaprPorts.Metrics)),
                    ("prometheus.io/scrape", "true")),
            },
            Spec = podSpec,
        };
    }

    private static V1Container Container(ResolvedInstanceSpec spec, ClusterSettings cluster, ControllerSettings controller, ControlPlaneEndpoints endpoints)
    {
        var env = new List<V1EnvVar>
        {
            new() { Name = EnvNamespace, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace" } } },
            new() { Name = EnvPodName, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
            new()
            {
                Name = EnvTrustAnchors,
                ValueFrom = new V1EnvVarSource
                {
                    ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = SharedObjectNames.TrustAnchorsConfigMap, Key = SharedObjectNames.TrustAnchorsKey },
                },
            },
            new() { Name = EnvControlPlaneNamespace, Value = controller.ControlPlaneNamespace },
            new() { Name = EnvControlPlaneTrustDomain, Value = controller.TrustDomain },
            new() { Name = EnvSchedulerHostAddress, Value = endpoints.SchedulerAddress },
        };
        if (cluster.ApiTokens)
        {
            env.Add(new V1EnvVar
            {
                Name = EnvNames.ApiToken,
                ValueFrom = new V1EnvVarSource
                {
                    SecretKeyRef = new V1SecretKeySelector { Name = SharedObjectNames.ApiTokenSecret(spec.AppId), Key = EnvNames.ApiTokenSecretKey },
                },
            });
        }

        return new V1Container
        {
            Name = ContainerName,
            Image = controller.DaprdImage,
            ImagePullPolicy = controller.ImagePullPolicy,

            // Command, not args[0]: an image ENTRYPOINT must not turn our flags into positional arguments.
            Command = [Executable],
            Args = Args(spec, controller, endpoints).ToList(),
            Env = env,
            Ports =
            [
                Port(DaprPorts.HttpName, DaprPorts.Http),
                Port(DaprPorts.GrpcName, DaprPorts.Grpc),
                Port(DaprPorts.InternalGrpcName, DaprPorts.InternalGrpc),
                Port(DaprPorts.MetricsName, DaprPorts.Metrics),
            ],
            ReadinessProbe = new V1Probe
            {
                HttpGet = new V1HTTPGetAction { Path = ReadinessPath, Port = DaprPorts.Public },
                InitialDelaySeconds = 1,
                PeriodSeconds = 5,
                TimeoutSeconds = 3,
                FailureThreshold = 3,
            },

            // daprd's /v1.0/healthz stays unhealthy while it waits for the app; an app scaled to zero must not put
            // daprd into a restart loop, so liveness is the public port being open (as Dapr's injector does since 1.14).
            LivenessProbe = new V1Probe
            {
                TcpSocket = new V1TCPSocketAction { Port = DaprPorts.Public },
                InitialDelaySeconds = 5,
                PeriodSeconds = 10,
                TimeoutSeconds = 3,
                FailureThreshold = 5,
            },
            Resources = Resources(controller.Resources),
            SecurityContext = new V1SecurityContext
            {
                AllowPrivilegeEscalation = false,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
                ReadOnlyRootFilesystem = true,
                RunAsNonRoot = true,
                SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
            },
            VolumeMounts = [new V1VolumeMount { Name = TokenVolumeName, MountPath = TokenMountPath, ReadOnlyProperty = true }],
        };
    }

    private static V1ResourceRequirements? Resources(DaprdResourceSettings settings)
    {
        var requests = Quantities(("cpu", settings.CpuRequest), ("memory", settings.MemoryRequest));
        var limits = Quantities(("cpu", settings.CpuLimit), ("memory", settings.MemoryLimit));
        if (requests is null && limits is null)
        {
            return null;
        }

        return new V1ResourceRequirements { Requests = requests, Limits = limits };
    }

    private static Dictionary<string, ResourceQuantity>? Quantities(params (string Name, string? Value)[] items)
    {
        Dictionary<string, ResourceQuantity>? result = null;
        foreach (var (name, value) in items)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                result ??= new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
                result[name] = new ResourceQuantity(value.Trim());
            }
        }

        return result;
    }

    private static V1ContainerPort Port(string name, int port) => new() { Name = name, ContainerPort = port, Protocol = "TCP" };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
