using System.Text.RegularExpressions;
using DaprShared.Core.Contract;
using DaprShared.Core.Manifests;

namespace DaprShared.Webhook.Cli;

/// <summary>Parses <c>VERB [-f FILE|-] [options]</c>. Accepts <c>--flag value</c> and <c>--flag=value</c>; anything
/// it does not know is an error, never silently ignored (a typo in <c>--api-tokens</c> must not change output).</summary>
internal static partial class CliArgumentParser
{
    public const string Inject = "inject";
    public const string Explain = "explain";

    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is not (Inject or Explain))
        {
            throw new CliUsageException(args.Count == 0
                ? "missing verb: inject or explain"
                : $"unknown verb '{Printable(args[0])}': expected inject or explain");
        }

        var verb = args[0];
        string? file = null;
        var ns = "default";
        var namespaceOptedIn = false;
        var settings = new ClusterSettings();
        var output = CliOutputFormat.Default;
        var help = false;

        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            string? inlineValue = null;
            var name = arg;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith('-') && equals > 0)
            {
                name = arg[..equals];
                inlineValue = arg[(equals + 1)..];
            }

            switch (name)
            {
                case "-h" or "--help":
                    help = true;
                    break;
                case "-f" or "--filename":
                    if (file is not null)
                    {
                        throw new CliUsageException("-f is given more than once: pass one file (or '-' for standard input)");
                    }

                    file = Value(args, ref i, name, inlineValue);
                    if (file.Length == 0)
                    {
                        throw new CliUsageException("-f needs a file name, or '-' for standard input");
                    }

                    break;
                case "-n" or "--namespace":
                    ns = Value(args, ref i, name, inlineValue);
                    if (!DnsLabel().IsMatch(ns))
                    {
                        throw new CliUsageException($"--namespace '{Printable(ns)}' is not a valid namespace name (a DNS-1123 label)");
                    }

                    break;
                case "--namespace-opted-in":
                    namespaceOptedIn = inlineValue is null || Boolean(name, inlineValue);
                    break;
                case "--cluster-domain":
                    var domain = Value(args, ref i, name, inlineValue).TrimEnd('.');
                    if (domain.Length > 253 || !DnsSubdomain().IsMatch(domain))
                    {
                        throw new CliUsageException($"--cluster-domain '{Printable(domain)}' is not a valid DNS domain");
                    }

                    settings = settings with { ClusterDomain = domain };
                    break;
                case "--default-strategy":
                    var strategyText = Value(args, ref i, name, inlineValue);
                    if (!SharedStrategyNames.TryParse(strategyText, out var strategy))
                    {
                        throw new CliUsageException(
                            $"--default-strategy '{Printable(strategyText)}' must be {SharedStrategyNames.DaemonSet} or {SharedStrategyNames.Deployment}");
                    }

                    settings = settings with { DefaultStrategy = strategy };
                    break;
                case "--api-tokens":
                    settings = settings with { ApiTokens = Boolean(name, Value(args, ref i, name, inlineValue)) };
                    break;
                case "-o" or "--output":
                    output = OutputFormat(verb, Value(args, ref i, name, inlineValue));
                    break;
                default:
                    throw new CliUsageException(arg.StartsWith('-')
                        ? $"unknown flag '{Printable(name)}'"
                        : $"unexpected argument '{Printable(arg)}' (manifests are read with -f FILE or -f -)");
            }
        }

        if (file is null && !help)
        {
            throw new CliUsageException($"{verb} needs -f FILE (or -f - to read standard input)");
        }

        var options = new ManifestOptions { DefaultNamespace = ns, NamespaceOptedIn = namespaceOptedIn, Settings = settings };
        return new CliArguments(verb, file, options, output, help);
    }

    private static string Value(IReadOnlyList<string> args, ref int i, string name, string? inlineValue)
    {
        if (inlineValue is not null)
        {
            return inlineValue;
        }

        // "-f -" is standard input, so a following "-" is a value; any other flag-looking word is not.
        if (i + 1 >= args.Count || (args[i + 1].StartsWith('-') && args[i + 1] != "-"))
        {
            throw new CliUsageException($"{name} needs a value");
        }

        return args[++i];
    }

    private static bool Boolean(string name, string value) =>
        value.ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => throw new CliUsageException($"{name} must be true or false, not '{Printable(value)}'"),
        };

    private static CliOutputFormat OutputFormat(string verb, string value) => (verb, value.ToLowerInvariant()) switch
    {
        (Explain, "text" or "table") => CliOutputFormat.Default,
        (Explain, "json") => CliOutputFormat.Json,
        (Inject, "yaml") => CliOutputFormat.Default,
        (Explain, _) => throw new CliUsageException($"-o '{Printable(value)}' is not supported by explain: use text or json"),
        _ => throw new CliUsageException($"-o '{Printable(value)}' is not supported by inject: it prints yaml"),
    };

    // Arguments are echoed into messages: keep terminal control characters out.
    private static string Printable(string value)
    {
        var shown = value.Length > 80 ? value[..80] + "..." : value;
        return string.Create(shown.Length, shown, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();
}
