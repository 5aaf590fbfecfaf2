using DaprShared.Core.Injection;
using DaprShared.Core.Manifests;

namespace DaprShared.Webhook.Cli;

/// <summary>The offline verbs <c>inject</c> and <c>explain</c> (DESIGN §6): the same core as the webhook, applied
/// to manifests. Only moves text: parsing, deciding and patching live in <see cref="ManifestInjector"/>.
/// Exit codes: 0 success, 1 unreadable input or a failed mutation, 2 wrong usage. Never prints a stack trace.</summary>
public static class CliProgram
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary>Runs <c>args[0]</c> (<c>inject</c> or <c>explain</c>) with the rest of the arguments.</summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        try
        {
            if (args.Length > 0 && args[0] is "-h" or "--help" or "help")
            {
                stdout.Write(CliUsage.Text);
                return Success;
            }

            var arguments = CliArgumentParser.Parse(args);
            if (arguments.Help)
            {
                stdout.Write(CliUsage.Text);
                return Success;
            }

            var input = ManifestInput.Read(arguments.File!, stdin);
            var result = ManifestInjector.Process(input, arguments.Options);
            if (arguments.Verb == CliArgumentParser.Inject)
            {
                stdout.Write(result.Output);
                WriteProblems(result, stderr);
            }
            else if (arguments.Output == CliOutputFormat.Json)
            {
                ExplainJsonWriter.Write(result, stdout);
            }
            else
            {
                ExplainTextWriter.Write(result, stdout);
            }

            stdout.Flush();
            return result.HasErrors ? Failure : Success;
        }
        catch (CliUsageException e)
        {
            stderr.Write($"error: {e.Message}\n\n{CliUsage.Text}");
            return Usage;
        }
        catch (CliInputException e)
        {
            stderr.Write($"error: {e.Message}\n");
            return Failure;
        }
        catch (ManifestFormatException e)
        {
            stderr.Write($"error: invalid YAML: {e.Describe()}\n");
            return Failure;
        }
#pragma warning disable CA1031 // A CLI reports every failure as one line on stderr, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.Write($"error: {e.GetType().Name}: {e.Message}\n");
            return Failure;
        }
    }

    // kubectl shows admission warnings as "Warning: ..."; inject shows the same ones, with where they apply.
    private static void WriteProblems(ManifestResult result, TextWriter stderr)
    {
        foreach (var decision in result.Decisions)
        {
            var where = $"document {decision.Document} ({decision.Workload})";
            foreach (var note in decision.Notes)
            {
                stderr.Write($"warning: {where}: {note}\n");
            }

            var level = decision.Result.Outcome == InjectionOutcome.Error ? "error" : "warning";
            foreach (var warning in decision.Result.Warnings)
            {
                stderr.Write($"{level}: {where}: {warning}\n");
            }
        }
    }
}
