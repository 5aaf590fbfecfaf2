using System.Diagnostics;
using System.Text;
using DaprShared.Webhook.Cli;

namespace DaprShared.Webhook.Tests.Cli;

public sealed class CliErrorTests
{
    [Fact]
    public void Run_MissingFile_ExitsOneWithMessage() =>
        CliRun.Of(["inject", "-f", "/nonexistent/manifests.yaml"]).ShouldFailWith(CliProgram.Failure, "cannot read '/nonexistent/manifests.yaml': no such file");

    [Fact]
    public void Run_Directory_ExitsOneWithMessage() =>
        CliRun.Of(["explain", "-f", Path.GetTempPath()]).ShouldFailWith(CliProgram.Failure, "it is a directory");

    [Fact]
    public void Run_InvalidYaml_ReportsDocumentAndLine()
    {
        const string Yaml = "apiVersion: v1\nkind: ConfigMap\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: [broken\nspec: {}\n";

        var run = CliRun.Of(["inject", "-f", "-"], Yaml);

        run.ShouldFailWith(CliProgram.Failure, "invalid YAML: document 2, line ");
    }

    [Fact]
    public void Run_TabIndentedYaml_ExitsOneNotCrash() =>
        CliRun.Of(["inject", "-f", "-"], "a:\n\tb: 1\n").ShouldFailWith(CliProgram.Failure, "invalid YAML: document 1");

    [Theory]
    [InlineData("inject", "--bogus")]
    [InlineData("inject", "-f", "-", "--api-tokens", "maybe")]
    [InlineData("inject", "-f", "-", "--default-strategy", "sidecar")]
    [InlineData("inject", "-f", "-", "--namespace", "Not_A_Namespace")]
    [InlineData("inject", "-f", "-", "--cluster-domain", "bad domain")]
    [InlineData("inject", "-f", "-", "-o", "json")]
    [InlineData("explain", "-f", "-", "-o", "xml")]
    [InlineData("inject", "-f")]
    [InlineData("inject", "-f", "a.yaml", "-f", "b.yaml")]
    [InlineData("inject")]
    [InlineData("inject", "stray.yaml")]
    [InlineData("frobnicate")]
    [InlineData("inject", "-f", "-", "--namespace", "--namespace-opted-in")]
    public void Run_BadCommandLine_ExitsTwoWithUsage(params string[] args)
    {
        var run = CliRun.Of(args);

        run.ShouldFailWith(CliProgram.Usage, "Usage:");
    }

    [Fact]
    public void Run_UnknownFlag_NamesIt() =>
        CliRun.Of(["explain", "-f", "-", "--api-token", "false"]).ShouldFailWith(CliProgram.Usage, "unknown flag '--api-token'");

    [Theory]
    [InlineData("inject", "--help")]
    [InlineData("explain", "-h")]
    public void Run_Help_PrintsUsageAndSucceeds(params string[] args)
    {
        var run = CliRun.Of(args);

        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Contain("Usage:").And.Contain("--namespace-opted-in");
    }

    [Fact]
    public void Run_AliasBomb_FailsFast()
    {
        var yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }

        var watch = Stopwatch.StartNew();
        var run = CliRun.Of(["inject", "-f", "-"], yaml.ToString());

        run.ShouldFailWith(CliProgram.Failure, "aliases expand to more than");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Run_DeepNesting_FailsFast()
    {
        var yaml = "kind: Pod\nspec: " + new string('[', 50_000) + new string(']', 50_000) + "\n";

        var watch = Stopwatch.StartNew();
        var run = CliRun.Of(["explain", "-f", "-"], yaml);

        run.ShouldFailWith(CliProgram.Failure, "nesting is deeper than");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Run_LargeInput_IsHandled()
    {
        // 2,000 opted-in pods in one stream: linear work, every one patched.
        var pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p{0}\n  annotations: {{dapr-shared.io/enabled: 'true', dapr-shared.io/app-id: app{0}}}\nspec:\n  containers: [{{name: c, image: i}}]\n---\n";
        var yaml = string.Concat(Enumerable.Range(0, 2000).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, pod, i)));

        var watch = Stopwatch.StartNew();
        var run = CliRun.Of(["inject", "-f", "-"], yaml);

        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Split("DAPR_HTTP_ENDPOINT").Length.Should().Be(2001);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));
    }
}
