namespace DaprShared.Webhook.Hosting;

/// <summary>The command line of the <c>serve</c> verb (the default): the verb itself is optional, options become
/// configuration keys. Parsed strictly, so a typo is an error rather than a silently ignored argument.</summary>
public sealed class ServeArguments
{
    public const string Verb = "serve";

    /// <summary>Command-line names of configuration keys (DESIGN §6). <c>--urls</c> keeps its ASP.NET meaning, and
    /// any key can be set as <c>--Section:Key=value</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["--tls-cert-file"] = "Tls:CertFile",
        ["--tls-key-file"] = "Tls:KeyFile",
        ["--tls-mode"] = "Tls:Mode",
        ["--kubeconfig"] = "Kubernetes:Kubeconfig",
        ["--benchmark-noop"] = "Benchmark:NoopEndpoint",
    };

    public const string Usage = """
        Usage: DaprShared.Webhook [serve] [options]     run the admission webhook (the default verb)
               DaprShared.Webhook inject -f FILE|-      print manifests with the injection applied
               DaprShared.Webhook explain -f FILE|-     print the decision for each pod template

        serve options:
          --urls URL[;URL]        where to listen (default https://0.0.0.0:8443)
          --tls-cert-file FILE    PEM certificate, intermediates after the leaf; reloaded when it changes
          --tls-key-file FILE     PEM private key (with --tls-cert-file)
          --tls-mode MODE         Auto (default), Files, SelfManaged or SelfSigned
          --kubeconfig FILE       cluster access (default: in-cluster, then ~/.kube/config, then none)
          --benchmark-noop        also serve POST /noop, the transport without the decision (benchmarks only)
          --Section:Key=VALUE     any configuration key, e.g. --Injector:ClusterDomain=cluster.local
        """;

    // Options that take no value: "--benchmark-noop" alone means true.
    private static readonly HashSet<string> Flags = new(StringComparer.OrdinalIgnoreCase) { "--benchmark-noop" };

    private ServeArguments(IReadOnlyList<string> configurationArgs, bool helpRequested, string? error)
    {
        ConfigurationArgs = configurationArgs;
        HelpRequested = helpRequested;
        Error = error;
    }

    /// <summary>The arguments for the command-line configuration provider, with <see cref="SwitchMappings"/>.</summary>
    public IReadOnlyList<string> ConfigurationArgs { get; }

    public bool HelpRequested { get; }

    /// <summary>What is wrong with the command line, for stderr; null when it is fine.</summary>
    public string? Error { get; }

    public static ServeArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var start = args.Count > 0 && args[0] == Verb ? 1 : 0;
        var configuration = new List<string>();
        for (var i = start; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" || (i == 0 && arg == "help"))
            {
                return new ServeArguments([], helpRequested: true, error: null);
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                return Fail(i == 0 && !arg.StartsWith('-')
                    ? $"unknown verb \"{arg}\": use serve (the default), inject or explain"
                    : $"unexpected argument \"{arg}\": options look like --name VALUE or --name=VALUE");
            }

            if (arg.Contains('=', StringComparison.Ordinal))
            {
                configuration.Add(arg);
            }
            else if (Flags.Contains(arg))
            {
                configuration.Add(arg + "=true");
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                configuration.Add(arg);
                configuration.Add(args[++i]);
            }
            else
            {
                return Fail($"option {arg} needs a value");
            }
        }

        return new ServeArguments(configuration, helpRequested: false, error: null);
    }

    private static ServeArguments Fail(string error) => new([], helpRequested: false, error);
}
