using System.Text.Json.Nodes;
using DaprShared.Core.Contract;
using DaprShared.Core.Injection;
using DaprShared.Core.Tests.Support;
using DaprShared.TestData;

namespace DaprShared.Core.Tests.Injection;

/// <summary>Every rule of DESIGN §2–§3, each on a variant derived from a captured review.</summary>
public sealed class PodInjectorRuleTests
{
    private const string OrdersHttp = "http://orders-dapr-local.shop.svc.cluster.local:3500";

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("True")]
    public void Enabled_TrueInAnyCase_Injects(string value)
    {
        var review = Reviews.Load(Reviews.Orders);
        Reviews.Annotations(review)[DaprSharedKeys.Enabled] = value;

        var handled = ReviewHandler.Handle(review);

        handled.Reason.Should().Be(ReasonCodes.Injected);
        handled.Env(review, "containers", 0, EnvNames.HttpEndpoint).Should().Be(OrdersHttp);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("FALSE", true)]
    public void Enabled_False_OptsOutEvenInOptedInNamespace(string value, bool namespaceOptedIn)
    {
        var review = Reviews.Load(Reviews.Orders);
        Reviews.Annotations(review)[DaprSharedKeys.Enabled] = value;

        var handled = ReviewHandler.Handle(review, namespaceOptedIn);

        handled.Reason.Should().Be(ReasonCodes.OptedOut);
        handled.Patch.Should().BeNull();
        handled.Warnings.Should().BeEmpty("opting out is a normal choice, not a problem");
    }

    [Theory]
    [InlineData("yes")]
    [InlineData(" true")]
    [InlineData("")]
    [InlineData("1")]
    public void Enabled_OtherValue_SkippedWithWarning(string value)
    {
        var review = Reviews.Load(Reviews.Orders);
        Reviews.Annotations(review)[DaprSharedKeys.Enabled] = value;

        var handled = ReviewHandler.Handle(review, namespaceOptedIn: true);

        handled.Reason.Should().Be(ReasonCodes.InvalidEnabledValue);
        handled.Patch.Should().BeNull();
        handled.Warnings.Should().ContainSingle().Which.Should().StartWith("dapr-shared: invalid_enabled_value:");
    }

    [Fact]
    public void NamespaceOptIn_PodWithoutEnabledAnnotation_Injects()
    {
        var review = Reviews.Load(Reviews.Orders);
        Reviews.Annotations(review).Remove(DaprSharedKeys.Enabled);

        ReviewHandler.Handle(review, namespaceOptedIn: false).Reason.Should().Be(ReasonCodes.NotOptedIn);
        ReviewHandler.Handle(review, namespaceOptedIn: true).Reason.Should().Be(ReasonCodes.Injected);
    }

    [Fact]
    public void NamespaceOptIn_PodWithoutAppId_SkippedWithWarning()
    {
        var handled = ReviewHandler.Handle(Reviews.Load(Reviews.Plain), namespaceOptedIn: true);

        handled.Reason.Should().Be(ReasonCodes.MissingAppId);
        handled.Patch.Should().BeNull();
        handled.Warnings.Should().ContainSingle().Which.Should().Contain(DaprSharedKeys.AppId);
    }

    [Fact]
    public void AppId_DaprSharedAnnotation_WinsOverDaprAppId()
    {
        var review = Reviews.Load(Reviews.Checkout);
        Reviews.Annotations(review)[DaprSharedKeys.AppId] = "basket";

        var handled = ReviewHandler.Handle(review);

        handled.Result.Injection!.AppId.Should().Be("basket");
        handled.Env(review, "containers", 0, EnvNames.HttpEndpoint).Should().Be("http://basket-dapr.shop.svc.cluster.local:3500");
        handled.PatchedPod(review)["metadata"]!["labels"]![DaprSharedKeys.AppIdLabel]!.GetValue<string>().Should().Be("basket");
    }

    [Theory]
    [InlineData("Orders")]
    [InlineData("orders_v2")]
    [InlineData("-orders")]
    [InlineData("orders-")]
    [InlineData("1orders")]
    [InlineData("orders.shop")]
    [InlineData("a234567890123456789012345678901234567890123456789")] // 49 characters
    public void AppId_Invalid_SkippedWithWarning(string appId)
    {
        var review = Reviews.Load(Reviews.Orders);
        Reviews.Annotations(review)[DaprSharedKeys.AppId] = appId;

        var handled = ReviewHandler.Handle(review);

        handled.Reason.Should().Be(ReasonCodes.InvalidAppId);
        handled.Patch.Should().BeNull();
        handled.Warnings.Should().ContainSingle().Which.Should().StartWith("dapr-shared: invalid_app_id:");
    }

    [Fact]
    public void AppId_LongestAllowed_EveryDerivedNameIsADnsLabel()
    {
        var appId = "a" + new string('b', AppIdRules.MaxLength - 1);
        AppIdRules.IsValid(appId).Should().BeTrue();

        foreach (var name in new[]
                 {
                     SharedObjectNames.Service(appId), SharedObjectNames.LocalService(appId),
                     SharedObjectNames.Workload(appId), SharedObjectNames.ApiTokenSecret(appId),
                 })
        {
            name.Length.Should().BeLessThanOrEqualTo(63, name);
        }
    }

    [Fact]
    public void AppId_Missing_SkippedWithWarning()
    {
        var review = Reviews.Load(Reviews.Orders);
        Reviews.Annotations(review).Remove(DaprSharedKeys.AppId);

        var handled = ReviewHandler.Handle(review);

        handled.Reason.Should().Be(ReasonCodes.MissingAppId);
        handled.Warnings.Should().ContainSingle();
    }

    [Theory]
    [InlineData("deployment", "http://orders-dapr.shop.svc.cluster.local:3500")]
    [InlineData("Deployment", "http://orders-dapr.shop.svc.cluster.local:3500")]
    [InlineData("daemonset", OrdersHttp)]
    [InlineData("DaemonSet", OrdersHttp)]
    public void Strategy_Annotation_SelectsService(string strategy, string expectedHttp)
    {
        var review = Reviews.Load(Reviews.Orders);
        Reviews.Annotations(review)[DaprSharedKeys.Strategy] = strategy;

        var handled = ReviewHandler.Handle(review);

        handled.Env(review, "containers", 0, EnvNames.HttpEndpoint).Should().Be(expectedHttp);
        handled.Env(review, "containers", 0, EnvNames.GrpcEndpoint).Should().Be(expectedHttp.Replace(":3500", ":50001"));
        handled.PatchedPod(review)["metadata"]!["annotations"]![DaprSharedKeys.Injected]!.GetValue<string>()
            .Should().Be(strategy.ToLowerInvariant());
    }

    [Fact]
    public void Strategy_Invalid_SkippedWithWarning()
    {
        var review = Reviews.Load(Reviews.Orders);
        Reviews.Annotations(review)[DaprSharedKeys.Strategy] = "sidecar";

        var handled = ReviewHandler.Handle(review);

        handled.Reason.Should().Be(ReasonCodes.InvalidStrategy);
        handled.Patch.Should().BeNull();
        handled.Warnings.Should().ContainSingle().Which.Should().Contain("\"sidecar\"");
    }

    [Fact]
    public void Settings_DefaultStrategyAndClusterDomain_AreUsed()
    {
        var review = Reviews.Load(Reviews.Orders);
        var settings = new ClusterSettings { DefaultStrategy = SharedStrategy.Deployment, ClusterDomain = "corp.example" };

        var handled = ReviewHandler.Handle(review, settings: settings);

        handled.Env(review, "containers", 0, EnvNames.HttpEndpoint).Should().Be("http://orders-dapr.shop.svc.corp.example:3500");
    }

    [Fact]
    public void Settings_ApiTokensOff_NoTokenVariable()
    {
        var review = Reviews.Load(Reviews.Orders);

        var handled = ReviewHandler.Handle(review, settings: new ClusterSettings { ApiTokens = false });

        var env = handled.PatchedPod(review)["spec"]!["containers"]![0]!["env"]!.AsArray();
        env.Select(e => e!["name"]!.GetValue<string>()).Should().NotContain(EnvNames.ApiToken).And.Contain(EnvNames.HttpEndpoint);
    }

    [Fact]
    public void ApiToken_ComesFromInstanceSecret()
    {
        var review = Reviews.Load(Reviews.Orders);

        var pod = ReviewHandler.Handle(review).PatchedPod(review);

        var token = pod["spec"]!["containers"]![0]!["env"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == EnvNames.ApiToken)!;
        token["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>().Should().Be("orders-dapr-api-token");
        token["valueFrom"]!["secretKeyRef"]!["key"]!.GetValue<string>().Should().Be("token");
        token["value"].Should().BeNull();
    }

    [Fact]
    public void Containers_InitContainersInjected_EphemeralContainersNever()
    {
        var review = Reviews.Load(Reviews.Checkout);
        Reviews.PodOf(review)["spec"]!["ephemeralContainers"] = new JsonArray(new JsonObject { ["name"] = "debug", ["image"] = "busybox" });

        var pod = ReviewHandler.Handle(review).PatchedPod(review);

        pod["spec"]!["initContainers"]![0]!["env"]!.AsArray().Should().HaveCount(3);
        pod["spec"]!["ephemeralContainers"]![0]!["env"].Should().BeNull();
    }

    [Fact]
    public void UserVariable_DifferentValue_KeptWithOneWarningNamingContainers()
    {
        var review = Reviews.Load(Reviews.Checkout);

        var handled = ReviewHandler.Handle(review);

        handled.Env(review, "containers", 1, EnvNames.HttpEndpoint).Should().Be("http://my-own-daprd:3500");
        handled.Warnings.Should().ContainSingle(w => w.Contains(ReasonCodes.UserEnvKept))
            .Which.Should().Contain(EnvNames.HttpEndpoint).And.Contain("\"metrics-proxy\"");
    }

    [Fact]
    public void UserVariable_FromSecret_IsNeverOverwritten()
    {
        var review = Reviews.Load(Reviews.Orders);
        var container = Reviews.PodOf(review)["spec"]!["containers"]![0]!.AsObject();
        container["env"]!.AsArray().Add(new JsonObject
        {
            ["name"] = EnvNames.ApiToken,
            ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = "mine", ["key"] = "t" } },
        });

        var handled = ReviewHandler.Handle(review);

        var tokens = handled.PatchedPod(review)["spec"]!["containers"]![0]!["env"]!.AsArray()
            .Where(e => e!["name"]!.GetValue<string>() == EnvNames.ApiToken).ToList();
        tokens.Should().ContainSingle().Which!["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>().Should().Be("mine");
        handled.Warnings.Should().Contain(w => w.Contains(ReasonCodes.UserEnvKept) && w.Contains(EnvNames.ApiToken));
    }

    [Fact]
    public void UserVariable_SameValue_NoWarning()
    {
        var review = Reviews.Load(Reviews.Orders);
        Reviews.PodOf(review)["spec"]!["containers"]![0]!["env"]!.AsArray()
            .Add(new JsonObject { ["name"] = EnvNames.HttpEndpoint, ["value"] = OrdersHttp });

        var handled = ReviewHandler.Handle(review);

        handled.Warnings.Should().BeEmpty();
        handled.Patch!.Select(op => (op!["value"] as JsonObject)?["name"]?.GetValue<string>()).Should().NotContain(EnvNames.HttpEndpoint);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("Yes", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    public void DaprEnabled_TruthyAsDaprReadsIt_TurnedOffWithWarning(string value, bool neutralised)
    {
        var review = Reviews.Load(Reviews.Orders);
        Reviews.Annotations(review)[DaprSharedKeys.DaprEnabled] = value;

        var handled = ReviewHandler.Handle(review);

        var after = handled.PatchedPod(review)["metadata"]!["annotations"]![DaprSharedKeys.DaprEnabled]!.GetValue<string>();
        after.Should().Be(neutralised ? "false" : value);
        handled.Warnings.Any(w => w.Contains(ReasonCodes.DaprInjectorDisabled)).Should().Be(neutralised);
    }

    [Theory]
    [InlineData("containers")]
    [InlineData("initContainers")]
    public void DaprSidecar_Present_NothingChangedWithWarning(string list)
    {
        var review = Reviews.Load(Reviews.Checkout);
        Reviews.PodOf(review)["spec"]![list]!.AsArray().Add(new JsonObject { ["name"] = "daprd", ["image"] = "ghcr.io/dapr/daprd" });

        var handled = ReviewHandler.Handle(review);

        handled.Reason.Should().Be(ReasonCodes.DaprSidecarPresent);
        handled.Patch.Should().BeNull("a pod must never get both a sidecar and shared endpoints");
        handled.Warnings.Should().ContainSingle().Which.Should().StartWith("dapr-shared: dapr_sidecar_present:");
    }

    [Fact]
    public void Label_OtherAppIdValue_ReplacedWithWarning()
    {
        var review = Reviews.Load(Reviews.Orders);
        Reviews.PodOf(review)["metadata"]!["labels"]![DaprSharedKeys.AppIdLabel] = "someone-else";

        var handled = ReviewHandler.Handle(review);

        handled.PatchedPod(review)["metadata"]!["labels"]![DaprSharedKeys.AppIdLabel]!.GetValue<string>().Should().Be("orders");
        handled.Warnings.Should().ContainSingle(w => w.Contains(ReasonCodes.LabelReplaced));
    }

    [Fact]
    public void Metadata_MissingLabelsAnnotationsAndEnv_CreatedParentFirst()
    {
        // The payments review has no labels and no env: PatchApplier asserts every parent exists before each op.
        var review = Reviews.Load(Reviews.Payments);

        var handled = ReviewHandler.Handle(review);

        var ops = handled.Patch!.Select(op => op!["path"]!.GetValue<string>()).ToList();
        ops.IndexOf("/metadata/labels").Should().BeLessThan(ops.IndexOf("/metadata/labels/dapr-shared.io~1app-id"));
        ops.IndexOf("/spec/containers/0/env").Should().BeLessThan(ops.IndexOf("/spec/containers/0/env/-"));
        handled.PatchedPod(review)["metadata"]!["labels"]![DaprSharedKeys.AppIdLabel]!.GetValue<string>().Should().Be("payments");
    }

    [Theory]
    [InlineData(DaprSharedKeys.AppPort, "http")]
    [InlineData(DaprSharedKeys.AppPort, "70000")]
    [InlineData(DaprSharedKeys.AppProtocol, "tcp")]
    [InlineData(DaprSharedKeys.LogLevel, "verbose")]
    [InlineData(DaprSharedKeys.Replicas, "0")]
    [InlineData(DaprSharedKeys.Config, "Not A Name")]
    [InlineData(DaprSharedKeys.AppChannelAddress, "http://x")]
    public void ControllerAnnotation_Invalid_InjectedWithWarning(string key, string value)
    {
        var review = Reviews.Load(Reviews.Orders);
        Reviews.Annotations(review)[key] = value;

        var handled = ReviewHandler.Handle(review);

        handled.Reason.Should().Be(ReasonCodes.Injected);
        handled.Warnings.Should().ContainSingle().Which.Should().StartWith($"dapr-shared: invalid_annotation: {key}: ");
    }

    [Theory]
    [InlineData(SharedStrategy.Deployment, false)]
    [InlineData(SharedStrategy.DaemonSet, true)]
    public void Replicas_WithoutStrategyAnnotation_JudgedAgainstConfiguredDefault(SharedStrategy defaultStrategy, bool warned)
    {
        var review = Reviews.Load(Reviews.Orders);
        Reviews.Annotations(review)[DaprSharedKeys.Replicas] = "3";

        var handled = ReviewHandler.Handle(review, settings: new ClusterSettings { DefaultStrategy = defaultStrategy });

        handled.Warnings.Any(w => w.Contains(DaprSharedKeys.Replicas)).Should().Be(warned, "replicas only apply to the deployment strategy");
    }

    [Fact]
    public void HostileAnnotationValue_WarningIsBoundedAndPrintable()
    {
        var review = Reviews.Load(Reviews.Orders);
        Reviews.Annotations(review)[DaprSharedKeys.AppId] = "\u001b[31mred\n" + new string('x', 100_000);

        var handled = ReviewHandler.Handle(review);

        var warning = handled.Warnings.Should().ContainSingle().Subject;
        warning.Length.Should().BeLessThan(300);
        warning.Should().NotContainAny("\u001b", "\n");
    }

    [Fact]
    public void DryRun_SamePatchAsRealRequest()
    {
        var review = Reviews.Load(Reviews.Payments);
        var dry = ReviewHandler.Handle(review);
        review["request"]!["dryRun"] = false;
        var real = ReviewHandler.Handle(review);

        dry.Result.DryRun.Should().BeTrue();
        real.Result.DryRun.Should().BeFalse();
        dry.PatchJson.Should().Be(real.PatchJson, "the webhook is pure, so dryRun needs nothing special");
    }

    [Theory]
    [MemberData(nameof(Reviews.AllFixtureNames), MemberType = typeof(Reviews))]
    public void Handle_SameInputTwice_ByteIdenticalResponse(string fixture)
    {
        var body = Reviews.Wire(Reviews.Load(fixture));

        ReviewHandler.Handle(body).Review!.ToJsonString().Should().Be(ReviewHandler.Handle(body).Review!.ToJsonString());
    }
}
