using System.Text.Json;
using System.Text.Json.Nodes;
using DaprShared.Core.Manifests;
using DaprShared.TestData;

namespace DaprShared.Webhook.Tests.Cli;

public sealed class CliInjectTests
{
    [Fact]
    public void Inject_MixedManifest_MatchesGolden()
    {
        var run = CliRun.Of(["inject", "-f", CliRun.MixedInput]);

        run.ExitCode.Should().Be(0, run.Stderr);
        Golden.MatchExactly("cli/mixed.inject.yaml", run.Stdout);
    }

    [Fact]
    public void Inject_AllClusterFlags_MatchesGolden()
    {
        var run = CliRun.Of([
            "inject", "--filename", CliRun.MixedInput, "--namespace", "media", "--namespace-opted-in",
            "--cluster-domain", "corp.example", "--default-strategy=deployment", "--api-tokens", "false",
        ]);

        run.ExitCode.Should().Be(0, run.Stderr);
        Golden.MatchExactly("cli/mixed.inject-flags.yaml", run.Stdout);
        run.Stdout.Should().NotContain("DAPR_API_TOKEN").And.Contain("http://thumbnailer-dapr.media.svc.corp.example:3500");
    }

    [Fact]
    public void Inject_AppliedTwice_EqualsOnce()
    {
        var once = CliRun.Of(["inject", "-f", CliRun.MixedInput]);

        var twice = CliRun.Of(["inject", "-f", "-"], once.Stdout);

        twice.ExitCode.Should().Be(0);
        twice.Stdout.Should().Be(once.Stdout);
    }

    [Fact]
    public void Inject_Dash_ReadsStandardInput()
    {
        var fromFile = CliRun.Of(["inject", "-f", CliRun.MixedInput]);

        var fromStdin = CliRun.Of(["inject", "-f", "-"], File.ReadAllText(CliRun.MixedInput));

        fromStdin.ExitCode.Should().Be(0);
        fromStdin.Stdout.Should().Be(fromFile.Stdout);
    }

    [Fact]
    public void Inject_NonKubernetesAndUnchangedDocuments_AreCopiedByteForByte()
    {
        const string Yaml = """
            # leading comment
            just: a mapping   # with a comment
            ---
            - a
            - "list"
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: plain}   # not opted in
            spec: {containers: [{name: c, image: 'i:1'}]}
            ---
            "a scalar"
            ...
            --- !!str tagged
            ---

            """;

        var run = CliRun.Of(["inject", "-f", "-"], Yaml);

        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Be(Yaml);
        run.Stderr.Should().BeEmpty();
    }

    [Fact]
    public void Inject_PatchedPod_KeepsTypesQuotesAndUnknownFields()
    {
        const string Yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: typed
              annotations:
                dapr-shared.io/enabled: "true"
                dapr-shared.io/app-id: typed
                version: "1.10"
                count: '8080'
                flag: "yes"
                empty: ""
                nothing: "null"
            spec:
              customField: {nested: [1, "2", true, "false", 3.0, ~]}
              containers:
              - name: app
                image: app:1
                ports:
                - containerPort: 8080
                env:
                - name: PORT
                  value: "8080"
                - name: ENABLED
                  value: "true"
              terminationGracePeriodSeconds: 30
            status: {phase: Pending}
            """;

        var run = CliRun.Of(["inject", "-f", "-"], Yaml);

        run.ExitCode.Should().Be(0, run.Stderr);
        var before = YamlJson.Parse(Yaml).Single()!;
        var after = YamlJson.Parse(run.Stdout).Single()!;
        foreach (var key in new[] { "version", "count", "flag", "empty", "nothing" })
        {
            after["metadata"]!["annotations"]![key]!.GetValueKind().Should().Be(JsonValueKind.String, key);
            after["metadata"]!["annotations"]![key]!.GetValue<string>().Should().Be(before["metadata"]!["annotations"]![key]!.GetValue<string>());
        }

        JsonNode.DeepEquals(after["spec"]!["customField"], before["spec"]!["customField"]).Should().BeTrue();
        JsonNode.DeepEquals(after["status"], before["status"]).Should().BeTrue();
        after["spec"]!["terminationGracePeriodSeconds"]!.GetValue<long>().Should().Be(30);
        after["spec"]!["containers"]![0]!["ports"]![0]!["containerPort"]!.GetValue<long>().Should().Be(8080);
        after["spec"]!["containers"]![0]!["env"]![0]!["value"]!.GetValue<string>().Should().Be("8080");
        after["spec"]!["containers"]![0]!["env"]![1]!["value"]!.GetValue<string>().Should().Be("true");
        run.Stdout.Should().Contain("count: \"8080\"").And.Contain("flag: \"yes\"").And.Contain("value: \"true\"");
    }

    [Fact]
    public void Inject_OptedInPodWithWarnings_ReportsThemOnStderr()
    {
        const string Yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: warned
              annotations: {dapr-shared.io/enabled: "true", dapr-shared.io/app-id: Not_Valid}
            spec: {containers: [{name: c}]}
            """;

        var run = CliRun.Of(["inject", "-f", "-"], Yaml);

        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Be(Yaml);
        run.Stderr.Should().StartWith("warning: document 1 (Pod default/warned): dapr-shared: invalid_app_id:");
    }

    [Fact]
    public void Inject_EmptyInput_PrintsNothing()
    {
        var run = CliRun.Of(["inject", "-f", "-"], string.Empty);

        run.ExitCode.Should().Be(0);
        run.Stdout.Should().BeEmpty();
    }
}
