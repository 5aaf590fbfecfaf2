using System.Text.Json;
using System.Text.Json.Nodes;
using DaprShared.Core.Contract;
using DaprShared.Core.Injection;
using DaprShared.Core.Manifests;
using DaprShared.TestData;

namespace DaprShared.Core.Tests.Manifests;

public sealed class ManifestInjectorTests
{
    private static readonly ManifestOptions Defaults = new();

    private static string Mixed() => Golden.Read("cli/mixed.input.yaml");

    [Fact]
    public void Process_MixedManifest_DecidesEveryPodTemplate()
    {
        var result = ManifestInjector.Process(Mixed(), Defaults);

        result.Documents.Should().Be(12);
        result.Decisions.Select(d => $"{d.Document} {d.Kind}/{d.Name} {d.TemplatePath} {d.Result.Outcome.ToValue()} {d.Result.Reason}")
            .Should().Equal(
                "2 Deployment/orders /spec/template patched injected",
                "3 Job/thumbnailer /spec/template patched injected",
                "4 CronJob/nightly-report /spec/jobTemplate/spec/template patched injected",
                "5 StatefulSet/checkout /spec/template patched injected",
                "6 Pod/plain  skipped not_opted_in",
                "7 Pod/sidecar  skipped dapr_sidecar_present",
                "9 DaemonSet/collector /spec/template patched injected",
                "12 ReplicaSet/legacy /items/0/spec/template patched injected");
        result.HasErrors.Should().BeFalse();
    }

    [Fact]
    public void Process_MixedManifest_LeavesEveryUnpatchedDocumentByteForByte()
    {
        var input = Mixed();

        var result = ManifestInjector.Process(input, Defaults);

        var before = YamlSourceReader.Read(input).Documents;
        var after = YamlSourceReader.Read(result.Output).Documents;
        after.Should().HaveCount(before.Count);
        var patched = result.Decisions.Where(d => d.Result.HasPatch).Select(d => d.Document).ToHashSet();
        foreach (var document in before.Where(d => !patched.Contains(d.Index)))
        {
            var other = after[document.Index - 1];
            result.Output[other.SliceStart..other.SliceEnd].Should().Be(input[document.SliceStart..document.SliceEnd], $"document {document.Index} is not patched");
        }

        result.Output.Should().Contain("# Opted in with a capital T, per-cluster strategy, no env at all.\napiVersion: batch/v1\n")
            .And.EndWith("# trailing comment\n");
    }

    [Fact]
    public void Process_ItsOwnOutput_ChangesNothing()
    {
        var once = ManifestInjector.Process(Mixed(), Defaults);

        var twice = ManifestInjector.Process(once.Output, Defaults);

        twice.Output.Should().Be(once.Output);
        twice.Decisions.Should().OnlyContain(d => !d.Result.HasPatch);
        twice.Decisions.Where(d => d.Result.Outcome == InjectionOutcome.Unchanged).Should().HaveCount(6);
    }

    [Fact]
    public void Process_PatchedDeployment_AddsEndpointsAndKeepsEverythingElse()
    {
        var result = ManifestInjector.Process(Mixed(), Defaults);

        var deployment = YamlJson.Parse(result.Output)[1]!;
        var template = deployment["spec"]!["template"]!;
        var container = template["spec"]!["containers"]![0]!;
        Env(container).Should().Equal(
            "LOG_LEVEL=debug",
            "RETRIES=3",
            "DAPR_HTTP_ENDPOINT=http://orders-dapr-local.shop.svc.cluster.local:3500",
            "DAPR_GRPC_ENDPOINT=http://orders-dapr-local.shop.svc.cluster.local:50001",
            "DAPR_API_TOKEN=secret:orders-dapr-api-token/token");
        template["metadata"]!["labels"]!["dapr-shared.io/app-id"]!.GetValue<string>().Should().Be("orders");
        template["metadata"]!["annotations"]!["dapr-shared.io/injected"]!.GetValue<string>().Should().Be("daemonset");

        // Types survive the round trip: strings that look like numbers or booleans stay strings, numbers stay numbers.
        template["metadata"]!["annotations"]!["dapr-shared.io/enabled"]!.GetValueKind().Should().Be(JsonValueKind.String);
        template["metadata"]!["annotations"]!["prometheus.io/scrape"]!.GetValue<string>().Should().Be("true");
        JsonNode.DeepEquals(container["args"], JsonNode.Parse("""["--port","8080","echo \"multi-line\"\nexit 0\n"]""")).Should().BeTrue();
        container["ports"]![0]!["containerPort"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        container["x-unknown-field"]!.ToJsonString().Should().Be("""{"keep":[1,2.5,null,null,"null",31]}""");
        template["spec"]!["hostNetwork"]!.GetValueKind().Should().Be(JsonValueKind.False);
        template["spec"]!["volumes"]![0]!["configMap"]!["defaultMode"]!.GetValue<long>().Should().Be(420);
        deployment["spec"]!["replicas"]!.GetValue<long>().Should().Be(2);

        // Plain scalars whose spelling carries meaning are written as they were.
        result.Output.Should().Contain("defaultMode: 0644\n").And.Contain("hostNetwork: no\n").And.Contain("- 0x1F\n");
    }

    [Fact]
    public void Process_WorkloadWithoutNamespace_UsesTheDefaultNamespace()
    {
        var result = ManifestInjector.Process(Mixed(), Defaults with { DefaultNamespace = "media" });

        var job = YamlJson.Parse(result.Output)[2]!;
        Env(job["spec"]!["template"]!["spec"]!["containers"]![0]!).Should().Contain(
            "DAPR_HTTP_ENDPOINT=http://thumbnailer-dapr.media.svc.cluster.local:3500");
        result.Decisions.Single(d => d.Name == "thumbnailer").Namespace.Should().Be("media");
    }

    [Fact]
    public void Process_ClusterSettings_ShapeTheEndpoints()
    {
        var options = Defaults with
        {
            Settings = new ClusterSettings { ClusterDomain = "corp.example", DefaultStrategy = SharedStrategy.Deployment, ApiTokens = false },
        };

        var result = ManifestInjector.Process(Mixed(), options);

        var cronJob = YamlJson.Parse(result.Output)[3]!;
        var pod = cronJob["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!;
        var expected = new[]
        {
            "DAPR_HTTP_ENDPOINT=http://report-dapr.reports.svc.corp.example:3500",
            "DAPR_GRPC_ENDPOINT=http://report-dapr.reports.svc.corp.example:50001",
        };
        Env(pod["containers"]![0]!).Should().Equal(expected);
        Env(pod["initContainers"]![0]!).Should().Equal(expected);
    }

    [Fact]
    public void Process_NamespaceOptedIn_InjectsPodsWithoutTheAnnotation()
    {
        const string Yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    dapr.io/app-id: fn\nspec:\n  containers:\n  - name: c\n    image: i\n";

        var without = ManifestInjector.Process(Yaml, Defaults);
        var with = ManifestInjector.Process(Yaml, Defaults with { NamespaceOptedIn = true });

        without.Decisions.Single().Result.Reason.Should().Be(ReasonCodes.NotOptedIn);
        without.Output.Should().Be(Yaml);
        with.Decisions.Single().Result.Outcome.Should().Be(InjectionOutcome.Patched);
        with.Decisions.Single().NamespaceOptedIn.Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("# just a comment\n")]
    [InlineData("---\n---\n")]
    [InlineData("- a\n- b\n")]
    [InlineData("plain scalar\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\ndata: {a: '1'}   # c\n")]
    [InlineData("apiVersion: example.com/v1\nkind: Deployment\nspec:\n  template:\n    metadata:\n      annotations: {dapr-shared.io/enabled: 'true', dapr-shared.io/app-id: x}\n    spec: {containers: [{name: c}]}\n")]
    public void Process_NothingToInject_OutputIsTheInput(string yaml)
    {
        var result = ManifestInjector.Process(yaml, Defaults);

        result.Output.Should().Be(yaml);
        result.Decisions.Should().BeEmpty();
    }

    [Fact]
    public void Process_WorkloadWithoutTemplate_IsReportedNotPatched()
    {
        const string Yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 1}\n";

        var result = ManifestInjector.Process(Yaml, Defaults);

        result.Output.Should().Be(Yaml);
        result.Decisions.Single().Result.Reason.Should().Be(ManifestInjector.NoPodTemplate);
    }

    [Fact]
    public void Process_UnquotedBooleanAnnotation_IsNoted()
    {
        const string Yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    dapr-shared.io/enabled: true\nspec:\n  containers: [{name: c}]\n";

        var decision = ManifestInjector.Process(Yaml, Defaults).Decisions.Single();

        decision.Notes.Should().ContainSingle().Which.Should().Contain("dapr-shared.io~1enabled is a boolean").And.Contain("quote the value");
    }

    [Fact]
    public void Process_FlowStyleDocumentOnTheSeparatorLine_IsRewrittenAsBlock()
    {
        const string Yaml = "--- {apiVersion: v1, kind: Pod, metadata: {name: p, annotations: {dapr-shared.io/enabled: 'true', dapr-shared.io/app-id: a}}, spec: {containers: [{name: c}]}}   # end\n--- {kind: Other}\n";

        var result = ManifestInjector.Process(Yaml, Defaults);

        result.Output.Should().StartWith("---\napiVersion: v1\nkind: Pod\n").And.EndWith("# end\n--- {kind: Other}\n");
        YamlJson.Parse(result.Output)[0]!["metadata"]!["labels"]!["dapr-shared.io/app-id"]!.GetValue<string>().Should().Be("a");
    }

    [Fact]
    public void Process_CrlfInput_KeepsCrlf()
    {
        var yaml = "apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\n  annotations:\r\n    dapr-shared.io/enabled: 'true'\r\n    dapr-shared.io/app-id: a\r\nspec:\r\n  containers:\r\n  - name: c\r\n";

        var output = ManifestInjector.Process(yaml, Defaults).Output;

        output.Replace("\r\n", string.Empty, StringComparison.Ordinal).Should().NotContain("\n");
        output.Should().Contain("DAPR_HTTP_ENDPOINT");
    }

    [Fact]
    public void Process_InvalidYaml_ThrowsWithTheDocument()
    {
        var act = () => ManifestInjector.Process("a: 1\n---\nb: [\n", Defaults);

        act.Should().Throw<ManifestFormatException>().Which.Document.Should().Be(2);
    }

    private static List<string> Env(JsonNode container) =>
        container["env"]!.AsArray().Select(entry => entry!["value"] is { } value
            ? $"{entry["name"]}={value}"
            : $"{entry["name"]}=secret:{entry["valueFrom"]!["secretKeyRef"]!["name"]}/{entry["valueFrom"]!["secretKeyRef"]!["key"]}").ToList();
}
