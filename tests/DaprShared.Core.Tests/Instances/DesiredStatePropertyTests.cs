using System.Text.RegularExpressions;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using k8s;
using k8s.Models;

namespace DaprShared.Core.Tests.Instances;

/// <summary>Properties that must hold for every instance and configuration, checked over a grid of inputs.</summary>
public sealed partial class DesiredStatePropertyTests
{
    private static readonly string LongestAppId = "a" + new string('b', AppIdRules.MaxLength - 2) + "c";

    public static IEnumerable<object[]> Grid()
    {
        var index = 0;
        foreach (var appId in new[] { "a", "orders", LongestAppId })
        {
            foreach (var strategy in new[] { "daemonset", "deployment", null })
            {
                foreach (var apiTokens in new[] { true, false })
                {
                    foreach (var withPort in new[] { true, false })
                    {
                        foreach (var custom in new[] { true, false })
                        {
                            yield return [new Case(index++, appId, strategy, apiTokens, withPort, custom)];
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void Build_AnyInput_EveryObjectHasNamespaceOwnerAndLabels(Case input)
    {
        var (instance, cluster, controller) = input.Inputs();
        var state = InstanceFixtures.Build(instance, cluster, controller);

        foreach (var obj in state.Objects.Append(DesiredStateBuilder.ApiTokenSecret(instance, "t")))
        {
            var what = $"{obj.Kind} {obj.Metadata.Name}";
            obj.Metadata.NamespaceProperty.Should().Be(instance.Metadata.NamespaceProperty, what);
            var owner = obj.Metadata.OwnerReferences.Should().ContainSingle(what).Subject;
            owner.Uid.Should().Be(instance.Metadata.Uid, what);
            owner.Name.Should().Be(instance.Metadata.Name, what);
            owner.Kind.Should().Be(DaprSharedInstance.EntityKind, what);
            owner.ApiVersion.Should().Be(DaprSharedInstance.GroupVersion, what);
            owner.Controller.Should().BeTrue(what);
            owner.BlockOwnerDeletion.Should().BeTrue(what);
            obj.Metadata.Labels.Should().Contain(DaprSharedKeys.ManagedByLabel, DaprSharedKeys.ManagedByValue, what);
            obj.Metadata.Labels.Should().Contain(InstanceLabels.NameKey, InstanceLabels.NameValue, what);
            obj.Metadata.Labels.Should().Contain(InstanceLabels.InstanceKey, input.AppId, what);
            obj.Metadata.Labels.Should().Contain(DaprSharedKeys.AppIdLabel, input.AppId, what);
            obj.ApiVersion.Should().NotBeNullOrEmpty(what);
            obj.Kind.Should().NotBeNullOrEmpty(what);
            obj.Metadata.Name.Length.Should().BeLessThanOrEqualTo(AppIdRules.MaxLabelLength, what);
            DnsLabel().IsMatch(obj.Metadata.Name).Should().BeTrue(what);
        }

        var configMap = DesiredStateBuilder.TrustAnchorsConfigMap(instance.Metadata.NamespaceProperty, [instance], "pem");
        configMap.Metadata.NamespaceProperty.Should().Be(instance.Metadata.NamespaceProperty);
        configMap.Metadata.Labels.Should().Contain(DaprSharedKeys.ManagedByLabel, DaprSharedKeys.ManagedByValue);
        configMap.Metadata.OwnerReferences.Should().ContainSingle().Which.Uid.Should().Be(instance.Metadata.Uid);
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void Build_AnyInput_NoArgumentOrEnvironmentValueIsEmpty(Case input)
    {
        var (instance, cluster, controller) = input.Inputs();
        var daprd = InstanceFixtures.Daprd(InstanceFixtures.Build(instance, cluster, controller));

        daprd.Command.Should().Equal("/daprd");
        foreach (var arg in daprd.Args)
        {
            ArgShape().IsMatch(arg).Should().BeTrue($"'{arg}' must be --name=non-empty-value or a bare boolean flag");
            if (!arg.Contains('=', StringComparison.Ordinal))
            {
                arg.Should().BeOneOf("--enable-metrics", "--enable-mtls", "--log-as-json", "--disable-builtin-k8s-secret-store");
            }
        }

        daprd.Args.Select(a => a.Split('=')[0]).Should().OnlyHaveUniqueItems();
        foreach (var env in daprd.Env)
        {
            (env.ValueFrom is not null || !string.IsNullOrEmpty(env.Value)).Should().BeTrue($"{env.Name} must have a value");
        }
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void Build_AnyInput_RendersTheContractedDaprdPod(Case input)
    {
        var (instance, cluster, controller) = input.Inputs();
        var state = InstanceFixtures.Build(instance, cluster, controller);
        var template = InstanceFixtures.Template(state);
        var daprd = InstanceFixtures.Daprd(state);
        var args = daprd.Args;

        args.Should().ContainInOrder("--mode=kubernetes", "--app-id=" + input.AppId);
        args.Should().Contain(["--dapr-http-port=3500", "--dapr-grpc-port=50001", "--dapr-internal-grpc-port=50002",
            "--dapr-public-port=3501", "--dapr-listen-addresses=0.0.0.0", "--enable-metrics", "--metrics-port=9090", "--log-level=info"]);
        args.Should().Contain(a => a.StartsWith("--control-plane-address=", StringComparison.Ordinal));
        args.Should().Contain(a => a.StartsWith("--sentry-address=", StringComparison.Ordinal));
        args.Should().Contain(a => a.StartsWith("--placement-host-address=", StringComparison.Ordinal));
        args.Should().Contain(a => a.StartsWith("--app-protocol=", StringComparison.Ordinal));
        args.Contains("--enable-mtls").Should().Be(controller.EnableMtls);
        args.Contains("--log-as-json").Should().Be(controller.LogAsJson);
        args.Should().NotContain(a => a.StartsWith("--config", StringComparison.Ordinal));

        if (input.WithPort)
        {
            args.Should().Contain("--app-port=8080");
            args.Should().Contain($"--app-channel-address={input.AppId}.{instance.Metadata.NamespaceProperty}.svc.{cluster.ClusterDomain}");
        }
        else
        {
            args.Should().NotContain(a => a.StartsWith("--app-port", StringComparison.Ordinal) || a.StartsWith("--app-channel-address", StringComparison.Ordinal));
        }

        daprd.Env.Select(e => e.Name).Should().StartWith(["NAMESPACE", "POD_NAME", "DAPR_TRUST_ANCHORS", "DAPR_CONTROLPLANE_NAMESPACE",
            "DAPR_CONTROLPLANE_TRUST_DOMAIN", "DAPR_SCHEDULER_HOST_ADDRESS"]);
        var trustAnchors = daprd.Env.Single(e => e.Name == "DAPR_TRUST_ANCHORS").ValueFrom.ConfigMapKeyRef;
        trustAnchors.Name.Should().Be(SharedObjectNames.TrustAnchorsConfigMap);
        trustAnchors.Key.Should().Be("ca.crt");
        daprd.Env.Single(e => e.Name == "NAMESPACE").ValueFrom.FieldRef.FieldPath.Should().Be("metadata.namespace");
        daprd.Env.Single(e => e.Name == "POD_NAME").ValueFrom.FieldRef.FieldPath.Should().Be("metadata.name");
        var token = daprd.Env.SingleOrDefault(e => e.Name == EnvNames.ApiToken);
        if (cluster.ApiTokens)
        {
            token!.ValueFrom.SecretKeyRef.Name.Should().Be(SharedObjectNames.ApiTokenSecret(input.AppId));
            token.ValueFrom.SecretKeyRef.Key.Should().Be(EnvNames.ApiTokenSecretKey);
        }
        else
        {
            token.Should().BeNull();
        }

        template.Metadata.Annotations.Should().Contain(DaprSharedKeys.DaprAppId, input.AppId);
        template.Metadata.Annotations.Should().Contain(DaprSharedKeys.Enabled, "false", "the namespace opt-in webhook entry must skip daprd");
        template.Metadata.Labels.Should().Contain(DaprSharedKeys.DaprAppId, input.AppId);
        template.Metadata.Labels.Should().NotContainKey(DaprSharedKeys.AppIdLabel, "that label marks app pods, which the controller watches");

        daprd.ReadinessProbe.HttpGet.Path.Should().Be("/v1.0/healthz/outbound", "an app scaled to zero must not make daprd unready");
        daprd.ReadinessProbe.HttpGet.Port.Value.Should().Be("3501");
        daprd.LivenessProbe.TcpSocket.Port.Value.Should().Be("3501");

        var volume = template.Spec.Volumes.Single(v => v.Name == daprd.VolumeMounts.Single().Name);
        var projection = volume.Projected.Sources.Single().ServiceAccountToken;
        projection.Audience.Should().Be($"spiffe://{controller.TrustDomain}/ns/{controller.ControlPlaneNamespace}/dapr-sentry");
        projection.ExpirationSeconds.Should().Be(7200);
        daprd.VolumeMounts.Single().MountPath.Should().Be("/var/run/secrets/dapr.io/sentrytoken");
        daprd.VolumeMounts.Single().ReadOnlyProperty.Should().BeTrue();

        daprd.SecurityContext.RunAsNonRoot.Should().BeTrue();
        daprd.SecurityContext.ReadOnlyRootFilesystem.Should().BeTrue();
        daprd.SecurityContext.AllowPrivilegeEscalation.Should().BeFalse();
        daprd.SecurityContext.Capabilities.Drop.Should().Equal("ALL");
        daprd.SecurityContext.SeccompProfile.Type.Should().Be("RuntimeDefault");
        template.Spec.SecurityContext.RunAsNonRoot.Should().BeTrue();
        template.Spec.SecurityContext.SeccompProfile.Type.Should().Be("RuntimeDefault");
        template.Spec.ServiceAccountName.Should().Be(state.ServiceAccount.Metadata.Name);
        state.ServiceAccount.AutomountServiceAccountToken.Should().BeFalse();

        daprd.Ports.Select(p => (p.Name, p.ContainerPort)).Should().Equal(
            ("dapr-http", 3500), ("dapr-grpc", 50001), ("dapr-internal", 50002), ("dapr-metrics", 9090));
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void Build_AnyInput_ServicesSelectTheDaprdPodsOnly(Case input)
    {
        var (instance, cluster, controller) = input.Inputs();
        var state = InstanceFixtures.Build(instance, cluster, controller);
        var podLabels = InstanceFixtures.Template(state).Metadata.Labels;
        var selector = (state.DaemonSet?.Spec.Selector ?? state.Deployment!.Spec.Selector).MatchLabels;

        podLabels.Should().Contain(selector);
        state.Service.Spec.Selector.Should().Equal(selector);
        state.Service.Metadata.Name.Should().Be(input.AppId + "-dapr");
        state.Service.Spec.Ports.Select(p => (p.Name, p.Port, p.TargetPort.Value)).Should().Equal(
            ("dapr-http", 3500, "dapr-http"), ("dapr-grpc", 50001, "dapr-grpc"), ("dapr-internal", 50002, "dapr-internal"), ("dapr-metrics", 9090, "dapr-metrics"));

        if (state.Spec.Strategy == SharedStrategy.DaemonSet)
        {
            state.LocalService!.Metadata.Name.Should().Be(input.AppId + "-dapr-local");
            state.LocalService.Spec.InternalTrafficPolicy.Should().Be("Local");
            state.LocalService.Spec.Selector.Should().Equal(selector);
            state.LocalService.Spec.Ports.Select(p => p.Port).Should().Equal(3500, 50001);
            state.Endpoints.Http.Should().Be($"http://{input.AppId}-dapr-local.{instance.Metadata.NamespaceProperty}.svc.{cluster.ClusterDomain}:3500");
            state.Endpoints.Grpc.Should().Be($"http://{input.AppId}-dapr-local.{instance.Metadata.NamespaceProperty}.svc.{cluster.ClusterDomain}:50001");
        }
        else
        {
            state.LocalService.Should().BeNull();
            state.PodDisruptionBudget!.Spec.Selector.MatchLabels.Should().Equal(selector);
            state.Endpoints.Http.Should().Be($"http://{input.AppId}-dapr.{instance.Metadata.NamespaceProperty}.svc.{cluster.ClusterDomain}:3500");
        }
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void Build_AnyInput_ObjectsAreInApplyOrderAndTheOtherStrategyIsUnwanted(Case input)
    {
        var (instance, cluster, controller) = input.Inputs();
        var state = InstanceFixtures.Build(instance, cluster, controller);
        var workload = input.AppId + "-dapr-shared";

        state.Objects[0].Should().BeSameAs(state.ServiceAccount);
        if (state.Spec.Strategy == SharedStrategy.DaemonSet)
        {
            state.Objects.Should().Equal([state.ServiceAccount, state.Service, state.LocalService!, state.DaemonSet!]);
            state.Deployment.Should().BeNull();
            state.PodDisruptionBudget.Should().BeNull();
            state.DaemonSet!.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable.Value.Should().Be("1");
            state.Unwanted.Should().BeEquivalentTo(new[]
            {
                new OwnedObjectRef("apps/v1", "Deployment", instance.Metadata.NamespaceProperty, workload),
                new OwnedObjectRef("policy/v1", "PodDisruptionBudget", instance.Metadata.NamespaceProperty, workload),
            });
        }
        else
        {
            state.Objects.Should().Equal([state.ServiceAccount, state.Service, state.PodDisruptionBudget!, state.Deployment!]);
            state.DaemonSet.Should().BeNull();
            state.Deployment!.Spec.Strategy.RollingUpdate.MaxUnavailable.Value.Should().Be("0");
            state.Deployment.Spec.Strategy.RollingUpdate.MaxSurge.Value.Should().Be("1");
            state.Unwanted.Should().BeEquivalentTo(new[]
            {
                new OwnedObjectRef("apps/v1", "DaemonSet", instance.Metadata.NamespaceProperty, workload),
                new OwnedObjectRef("v1", "Service", instance.Metadata.NamespaceProperty, input.AppId + "-dapr-local"),
            });
        }
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void Build_AnyInput_EveryObjectRoundTripsThroughStrictYaml(Case input)
    {
        var (instance, cluster, controller) = input.Inputs();
        var state = InstanceFixtures.Build(instance, cluster, controller);
        var objects = state.Objects.Cast<object>()
            .Append(DesiredStateBuilder.ApiTokenSecret(instance, "token"))
            .Append(DesiredStateBuilder.TrustAnchorsConfigMap(instance.Metadata.NamespaceProperty, [instance], "pem"))
            .ToList();
        var yaml = KubernetesYaml.SerializeAll(objects);

        var loaded = KubernetesYaml.LoadAllFromString(yaml, strict: true);

        loaded.Select(o => o.GetType()).Should().Equal(objects.Select(o => o.GetType()));
        KubernetesYaml.SerializeAll(loaded).Should().Be(yaml);
    }

    [Theory]
    [InlineData("my-dapr")]
    [InlineData("platform")]
    public void Build_CustomControlPlaneNamespace_FlowsIntoEveryAddressAndTheAudience(string controlPlane)
    {
        var controller = new ControllerSettings { ControlPlaneNamespace = controlPlane, TrustDomain = "corp.example" };
        var cluster = InstanceFixtures.Cluster() with { ClusterDomain = "k8s.internal" };
        var state = InstanceFixtures.Build(InstanceFixtures.Orders(), cluster, controller);
        var daprd = InstanceFixtures.Daprd(state);
        var suffix = $".{controlPlane}.svc.k8s.internal:";

        Arg(daprd, "--control-plane-address").Should().Be($"dapr-api{suffix}443");
        Arg(daprd, "--sentry-address").Should().Be($"dapr-sentry{suffix}443");
        Arg(daprd, "--placement-host-address").Should().Be($"dapr-placement-server{suffix}50005");
        Arg(daprd, "--scheduler-host-address").Split(',').Should().Equal(
            $"dapr-scheduler-server-0.dapr-scheduler-server{suffix}50006",
            $"dapr-scheduler-server-1.dapr-scheduler-server{suffix}50006",
            $"dapr-scheduler-server-2.dapr-scheduler-server{suffix}50006");
        daprd.Env.Single(e => e.Name == "DAPR_SCHEDULER_HOST_ADDRESS").Value.Should().Be(Arg(daprd, "--scheduler-host-address"));
        daprd.Env.Single(e => e.Name == "DAPR_CONTROLPLANE_NAMESPACE").Value.Should().Be(controlPlane);
        daprd.Env.Single(e => e.Name == "DAPR_CONTROLPLANE_TRUST_DOMAIN").Value.Should().Be("corp.example");
        InstanceFixtures.Template(state).Spec.Volumes.Single().Projected.Sources.Single().ServiceAccountToken.Audience
            .Should().Be($"spiffe://corp.example/ns/{controlPlane}/dapr-sentry");
        KubernetesYaml.SerializeAll(state.Objects).Should().NotContain("dapr-system").And.NotContain("cluster.local");
    }

    [Fact]
    public void Build_ConfiguredAddresses_AreUsedVerbatim()
    {
        var controller = new ControllerSettings
        {
            ControlPlaneAddress = "api.dapr.example:8443",
            SentryAddress = "sentry.dapr.example:443",
            PlacementAddress = "p0.example:50005,p1.example:50005",
            SchedulerAddress = "s.example:50006",
        };

        var daprd = InstanceFixtures.Daprd(InstanceFixtures.Build(InstanceFixtures.Orders(), controller: controller));

        Arg(daprd, "--control-plane-address").Should().Be("api.dapr.example:8443");
        Arg(daprd, "--sentry-address").Should().Be("sentry.dapr.example:443");
        Arg(daprd, "--placement-host-address").Should().Be("p0.example:50005,p1.example:50005");
        Arg(daprd, "--scheduler-host-address").Should().Be("s.example:50006");
    }

    [Fact]
    public void Build_SchedulerReplicas_DerivesOneAddressEach()
    {
        var daprd = InstanceFixtures.Daprd(InstanceFixtures.Build(InstanceFixtures.Orders(), controller: new ControllerSettings { SchedulerReplicas = 1 }));

        Arg(daprd, "--scheduler-host-address").Should().Be("dapr-scheduler-server-0.dapr-scheduler-server.dapr-system.svc.cluster.local:50006");
    }

    [Fact]
    public void Build_OptionalSpecFields_BecomeTheirFlags()
    {
        var instance = InstanceFixtures.Instance("orders", s =>
        {
            s.AppPort = 5000;
            s.AppChannelAddress = "10.0.0.7";
            s.AppProtocol = "grpcs";
            s.Config = "appconfig";
            s.LogLevel = "error";
        });

        var daprd = InstanceFixtures.Daprd(InstanceFixtures.Build(instance));

        Arg(daprd, "--app-port").Should().Be("5000");
        Arg(daprd, "--app-channel-address").Should().Be("10.0.0.7");
        Arg(daprd, "--app-protocol").Should().Be("grpcs");
        Arg(daprd, "--config").Should().Be("appconfig");
        Arg(daprd, "--log-level").Should().Be("error");
    }

    [Fact]
    public void Build_StrategyUnset_UsesTheConfiguredDefault()
    {
        var state = InstanceFixtures.Build(InstanceFixtures.Orders(), InstanceFixtures.Cluster(defaultStrategy: SharedStrategy.Deployment));

        state.Spec.Strategy.Should().Be(SharedStrategy.Deployment);
        state.Deployment.Should().NotBeNull();
        state.Deployment!.Spec.Replicas.Should().Be(1);
    }

    [Fact]
    public void Build_DefaultSettings_PdbAllowsOneUnavailableAndEvictsUnhealthyPods()
    {
        var state = InstanceFixtures.Build(InstanceFixtures.Instance("orders", s => s.Strategy = "deployment"));

        state.PodDisruptionBudget!.Spec.MaxUnavailable.Value.Should().Be("1");
        state.PodDisruptionBudget.Spec.MinAvailable.Should().BeNull();
        state.PodDisruptionBudget.Spec.UnhealthyPodEvictionPolicy.Should().Be("AlwaysAllow");
    }

    [Fact]
    public void Build_MtlsAndJsonLogsOff_OmitsTheirFlags()
    {
        var daprd = InstanceFixtures.Daprd(InstanceFixtures.Build(InstanceFixtures.Orders(), controller: new ControllerSettings { EnableMtls = false, LogAsJson = false }));

        daprd.Args.Should().NotContain("--enable-mtls").And.NotContain("--log-as-json");
    }

    [Fact]
    public void Build_AppIdDiffersFromName_IsFatal()
    {
        var instance = InstanceFixtures.Orders();
        instance.Spec.AppId = "payments";

        var result = DesiredStateBuilder.Build(instance, InstanceFixtures.Cluster(), new ControllerSettings());

        result.IsValid.Should().BeFalse();
        result.Problems.Should().Contain(p => p.Fatal && p.Field == "spec.appId");
    }

    [Theory]
    [InlineData("Orders")]
    [InlineData("1orders")]
    [InlineData("orders-")]
    [InlineData("")]
    public void Build_InvalidAppId_IsFatal(string appId)
    {
        var instance = InstanceFixtures.Instance(appId.Length == 0 ? "x" : appId);
        instance.Spec.AppId = appId;
        instance.Metadata.Name = appId;

        var result = DesiredStateBuilder.Build(instance, InstanceFixtures.Cluster(), new ControllerSettings());

        result.State.Should().BeNull();
        result.Problems.Should().Contain(p => p.Fatal && p.Field == "spec.appId");
    }

    [Fact]
    public void Build_NoUid_IsFatalNotAnException()
    {
        var instance = InstanceFixtures.Orders();
        instance.Metadata.Uid = null;

        var result = DesiredStateBuilder.Build(instance, InstanceFixtures.Cluster(), new ControllerSettings());

        result.IsValid.Should().BeFalse();
        result.Problems.Should().Contain(p => p.Fatal && p.Field == "metadata");
    }

    [Fact]
    public void Build_UnknownStrategy_IsFatal()
    {
        var result = DesiredStateBuilder.Build(InstanceFixtures.Instance("orders", s => s.Strategy = "statefulset"), InstanceFixtures.Cluster(), new ControllerSettings());

        result.IsValid.Should().BeFalse();
        result.Problems.Should().ContainSingle(p => p.Fatal).Which.Field.Should().Be("spec.strategy");
    }

    [Fact]
    public void Build_InvalidOptionalValues_FallBackToDefaultsAndSaySo()
    {
        var instance = InstanceFixtures.Instance("orders", s =>
        {
            s.AppPort = 70000;
            s.AppProtocol = "ftp";
            s.LogLevel = "verbose";
            s.Config = "Not Valid";
            s.Replicas = 3;
        });

        var result = DesiredStateBuilder.Build(instance, InstanceFixtures.Cluster(), new ControllerSettings());

        result.IsValid.Should().BeTrue();
        result.Problems.Select(p => p.Field).Should().BeEquivalentTo("spec.appPort", "spec.appProtocol", "spec.logLevel", "spec.config", "spec.replicas");
        result.Problems.Should().NotContain(p => p.Fatal);
        var args = InstanceFixtures.Daprd(result.State!).Args;
        args.Should().Contain(["--app-protocol=http", "--log-level=info"]);
        args.Should().NotContain(a => a.StartsWith("--app-port", StringComparison.Ordinal) || a.StartsWith("--config", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_HugeValue_ProblemMessageStaysShort()
    {
        var result = DesiredStateBuilder.Build(InstanceFixtures.Instance("orders", s => s.LogLevel = new string('x', 100_000) + "\nsecond line"),
            InstanceFixtures.Cluster(), new ControllerSettings());

        var message = result.Problems.Single().Message;
        message.Length.Should().BeLessThan(200);
        message.Should().NotContain("\n");
    }

    [Fact]
    public void Build_Objects_AreIndependentCopies()
    {
        var state = InstanceFixtures.Build(InstanceFixtures.Orders());

        state.Service.Metadata.OwnerReferences.Single().Name = "changed";
        state.Service.Spec.Selector["x"] = "y";

        state.ServiceAccount.Metadata.OwnerReferences.Single().Name.Should().Be("orders");
        state.DaemonSet!.Spec.Selector.MatchLabels.Should().NotContainKey("x");
    }

    [Fact]
    public void ApiTokenSecret_CarriesTheTokenUnderItsKey_MetadataVariantCarriesNone()
    {
        var instance = InstanceFixtures.Orders();

        var secret = DesiredStateBuilder.ApiTokenSecret(instance, "s3cr3t");
        var shell = DesiredStateBuilder.ApiTokenSecretMetadata(instance);

        secret.Metadata.Name.Should().Be("orders-dapr-api-token");
        secret.Type.Should().Be("Opaque");
        System.Text.Encoding.UTF8.GetString(secret.Data["token"]).Should().Be("s3cr3t");
        shell.Data.Should().BeNull();
        shell.StringData.Should().BeNull();
        shell.Metadata.OwnerReferences.Should().ContainSingle().Which.Controller.Should().BeTrue();
        KubernetesYaml.Serialize(shell).Should().NotContain("\ndata:");
        FluentActions.Invoking(() => DesiredStateBuilder.ApiTokenSecret(instance, "")).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void TrustAnchorsConfigMap_SeveralInstances_OwnedByEachAsNonController()
    {
        var b = InstanceFixtures.Instance("bbb", uid: "uid-b");
        var a = InstanceFixtures.Instance("aaa", uid: "uid-a");
        var elsewhere = InstanceFixtures.Instance("ccc", ns: "other", uid: "uid-c");

        var configMap = DesiredStateBuilder.TrustAnchorsConfigMap(InstanceFixtures.Namespace, [b, a, elsewhere, b], "PEM");

        configMap.Metadata.Name.Should().Be("dapr-shared-trust-anchors");
        configMap.Data.Should().Equal(new Dictionary<string, string> { ["ca.crt"] = "PEM" });
        configMap.Metadata.OwnerReferences.Select(r => r.Uid).Should().Equal("uid-a", "uid-b");
        configMap.Metadata.OwnerReferences.Should().OnlyContain(r => r.Controller == false && r.BlockOwnerDeletion == false);
        configMap.Metadata.Labels.Should().NotContainKey(DaprSharedKeys.AppIdLabel);
    }

    [Fact]
    public void TrustAnchorsConfigMap_TextWithAPrivateKey_IsRefused()
    {
        var pem = "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n-----BEGIN EC PRIVATE KEY-----\ny\n-----END EC PRIVATE KEY-----\n";

        FluentActions.Invoking(() => DesiredStateBuilder.TrustAnchorsConfigMap("shop", [InstanceFixtures.Orders()], pem))
            .Should().Throw<ArgumentException>().WithMessage("*private key*");
    }

    private static string Arg(V1Container daprd, string name) =>
        daprd.Args.Single(a => a.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^--[a-z][-a-z0-9]*(=\S+)?$")]
    private static partial Regex ArgShape();

    public sealed record Case(int Index, string AppId, string? Strategy, bool ApiTokens, bool WithPort, bool Custom)
    {
        public (DaprSharedInstance Instance, ClusterSettings Cluster, ControllerSettings Controller) Inputs()
        {
            var instance = InstanceFixtures.Instance(AppId, s =>
            {
                s.Strategy = Strategy;
                s.AppPort = WithPort ? 8080 : null;
            }, ns: Custom ? "team-a" : "shop");
            var cluster = InstanceFixtures.Cluster(ApiTokens) with { ClusterDomain = Custom ? "corp.internal" : "cluster.local" };
            return (instance, cluster, Custom ? InstanceFixtures.CustomController() : new ControllerSettings());
        }

        public override string ToString() => $"#{Index} {AppId.Length}ch {Strategy ?? "default"} tokens={ApiTokens} port={WithPort} custom={Custom}";
    }
}
