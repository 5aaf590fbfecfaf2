using System.Globalization;

namespace DaprShared.AotSmoke;

/// <summary>The smoke program's command line, parsed strictly: a typo is an error, not a silently different run.</summary>
internal sealed class SmokeArguments
{
    public const string Usage = """
        Usage: DaprShared.AotSmoke --binary PATH [--timeout SECONDS] [--keep]
          --binary PATH        the published DaprShared.Webhook (Native AOT, or the JIT apphost)
          --timeout SECONDS    the longest any one wait may take (default 30)
          --keep               keep the work directory (certificate, kubeconfig) even when every step passed
        """;

    private SmokeArguments(string binary, TimeSpan timeout, bool keep, bool helpRequested, string? error)
    {
        Binary = binary;
        Timeout = timeout;
        Keep = keep;
        HelpRequested = helpRequested;
        Error = error;
    }

    public string Binary { get; }

    public TimeSpan Timeout { get; }

    public bool Keep { get; }

    public bool HelpRequested { get; }

    public string? Error { get; }

    public static SmokeArguments Parse(IReadOnlyList<string> args)
    {
        string? binary = null;
        var timeout = TimeSpan.FromSeconds(30);
        var keep = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    return new SmokeArguments("", timeout, keep, helpRequested: true, error: null);
                case "--keep":
                    keep = true;
                    break;
                case "--binary" when i + 1 < args.Count:
                    binary = Path.GetFullPath(args[++i]);
                    break;
                case "--timeout" when i + 1 < args.Count:
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 600)
                    {
                        return Fail($"--timeout needs whole seconds between 1 and 600, not \"{args[i]}\"");
                    }

                    timeout = TimeSpan.FromSeconds(seconds);
                    break;
                case "--binary" or "--timeout":
                    return Fail($"{args[i]} needs a value");
                default:
                    return Fail($"unexpected argument \"{args[i]}\"");
            }
        }

        if (binary is null)
        {
            return Fail("--binary PATH is required");
        }

        return File.Exists(binary)
            ? new SmokeArguments(binary, timeout, keep, helpRequested: false, error: null)
            : Fail($"the binary {binary} does not exist");
    }

    private static SmokeArguments Fail(string error) => new("", TimeSpan.Zero, keep: false, helpRequested: false, error);
}
