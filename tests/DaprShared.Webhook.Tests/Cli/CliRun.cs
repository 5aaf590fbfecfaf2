using DaprShared.TestData;
using DaprShared.Webhook.Cli;

namespace DaprShared.Webhook.Tests.Cli;

/// <summary>One run of the CLI through <see cref="CliProgram.Run"/>, with in-memory standard streams.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static string MixedInput => Golden.PathOf("cli/mixed.input.yaml");

    public static CliRun Of(string[] args, string stdin = "")
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CliProgram.Run(args, input, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Asserts the run failed cleanly: the given exit code, a message, no stack trace, nothing on stdout.</summary>
    public CliRun ShouldFailWith(int exitCode, string message)
    {
        ExitCode.Should().Be(exitCode, $"stderr was: {Stderr}");
        Stderr.Should().StartWith("error: ").And.Contain(message);
        Stderr.Should().NotContain("   at ", "a CLI error is one line, never a stack trace");
        Stdout.Should().BeEmpty();
        return this;
    }
}
