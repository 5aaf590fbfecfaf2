using System.Text.Json.Nodes;
using DaprShared.Core.Injection;
using DaprShared.Core.Instances;
using DaprShared.TestData;

namespace DaprShared.Webhook.Tests.Cli;

public sealed class CliExplainTests
{
    [Fact]
    public void Explain_MixedManifest_MatchesGolden()
    {
        var run = CliRun.Of(["explain", "-f", CliRun.MixedInput]);

        run.ExitCode.Should().Be(0, run.Stderr);
        Golden.MatchExactly("cli/mixed.explain.txt", run.Stdout);
    }

    [Fact]
    public void Explain_MixedManifest_ShowsReasonCodesAndPatchPaths()
    {
        var run = CliRun.Of(["explain", "-f", CliRun.MixedInput]);

        run.Stdout.Should()
            .Contain(ReasonCodes.Injected)
            .And.Contain(ReasonCodes.NotOptedIn)
            .And.Contain(ReasonCodes.DaprSidecarPresent)
            .And.Contain(ReasonCodes.UserEnvKept)
            .And.Contain(ReasonCodes.DaprInjectorDisabled)
            .And.Contain("patch: add /spec/jobTemplate/spec/template/spec/initContainers/0/env")
            .And.Contain("patch: replace /spec/template/metadata/annotations/dapr.io~1enabled")
            .And.Contain("namespace faas is opted in")
            .And.Contain("8 pod templates in 12 documents: 6 patched, 0 unchanged, 2 skipped, 0 failed.");
    }

    [Fact]
    public void Explain_Json_MatchesGoldenAndParses()
    {
        var run = CliRun.Of(["explain", "-f", CliRun.MixedInput, "-o", "json"]);

        run.ExitCode.Should().Be(0, run.Stderr);
        Golden.MatchExactly("cli/mixed.explain.json", run.Stdout);
        var templates = JsonNode.Parse(run.Stdout)!["templates"]!.AsArray();
        templates.Should().HaveCount(8);
        templates[0]!["reason"]!.GetValue<string>().Should().Be(ReasonCodes.Injected);
        templates[0]!["operations"]!.AsArray().Should().OnlyContain(op => op!["path"]!.GetValue<string>().StartsWith("/spec/template/", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_InjectedOutput_SaysAlreadyInjected()
    {
        var injected = CliRun.Of(["inject", "-f", CliRun.MixedInput]).Stdout;

        var run = CliRun.Of(["explain", "-f", "-"], injected);

        run.Stdout.Should().Contain(ReasonCodes.AlreadyInjected).And.NotContain("patch:")
            .And.Contain("8 pod templates in 12 documents: 0 patched, 6 unchanged, 2 skipped, 0 failed.");
    }

    [Fact]
    public void Explain_NoWorkloads_SaysSo()
    {
        var run = CliRun.Of(["explain", "-f", "-"], "apiVersion: v1\nkind: ConfigMap\n---\nfoo: bar\n");

        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Be("No pod templates in 2 documents.\n");
    }

    /// <summary>Every setting but the app-id and the strategy (which decide whether the template is injected at all).</summary>
    public static TheoryData<string> InstanceOnlySettings =>
        new(InstanceSettings.All.Where(s => s != InstanceSettings.AppId && s != InstanceSettings.Strategy).Select(s => s.Field));

    [Theory]
    [MemberData(nameof(InstanceOnlySettings))]
    public void Explain_InvalidSetting_InjectedWithAWarningNamingTheKey(string field)
    {
        var setting = InstanceSettings.All.Single(s => s.Field == field);

        // A value no kind of setting accepts: not a number, a boolean, a choice or a DNS name.
        var run = CliRun.Of(["explain", "-f", "-"],
            $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    dapr-shared.io/enabled: \"true\"\n" +
            $"    dapr-shared.io/app-id: orders\n    {setting.Annotation}: \"No Such Value\"\nspec:\n  containers: [{{name: c}}]\n");

        run.Stdout.Should().Contain(ReasonCodes.Injected)
            .And.Contain($"warning: dapr-shared: {ReasonCodes.InvalidAnnotation}: {setting.Annotation}: 'No Such Value' is {setting.Invalid}");
    }

    [Fact]
    public void Explain_UnquotedBooleanAnnotation_ShowsANote()
    {
        var run = CliRun.Of(["explain", "-f", "-"], "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    dapr-shared.io/enabled: true\nspec:\n  containers: [{name: c}]\n");

        run.Stdout.Should().Contain("note: /metadata/annotations/dapr-shared.io~1enabled is a boolean");
    }
}
