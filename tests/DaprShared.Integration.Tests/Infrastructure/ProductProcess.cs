using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using DaprShared.TestData;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>The product's binary (<c>dotnet DaprShared.Webhook.dll serve …</c>, from its own build output) as a child
/// process, configured like the Deployment in deploy/ configures it. Output is captured line by line for failure
/// messages; SIGTERM is what the kubelet sends.</summary>
public sealed class ProductProcess : IAsyncDisposable
{
    // Variables of the machine running the tests that would change what the binary connects to or how it is
    // configured: it must see only what the test sets.
    private static readonly string[] InheritedPrefixesToDrop =
        ["KUBECONFIG", "KUBERNETES_", "POD_NAMESPACE", "Controller__", "Injector__", "Tls__", "Kubernetes__", "Logging__", "Admission__", "ASPNETCORE_", "DOTNET_URLS"];

    private readonly Process process;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<string> lines = new();

    private ProductProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public Uri BaseUri => new($"https://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public IReadOnlyList<string> Lines => [.. lines];

    /// <summary>The built product: src/DaprShared.Webhook/bin/&lt;configuration&gt;/net10.0/DaprShared.Webhook.dll, the
    /// configuration being the one this test assembly was built in.</summary>
    public static string Binary
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
            var configuration = framework.Parent!.Name;
            var path = Path.Combine(TestDataPaths.RepositoryRoot(), "src", "DaprShared.Webhook", "bin", configuration, framework.Name, "DaprShared.Webhook.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("the product is not built: " + path);
        }
    }

    /// <summary>Starts <c>serve</c> on a free loopback port with <paramref name="arguments"/> after it and
    /// <paramref name="environment"/> as its only configuration variables.</summary>
    public static ProductProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, int? port = null)
    {
        var listen = port ?? ControlPlane.FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Binary);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"https://127.0.0.1:{listen.ToString(CultureInfo.InvariantCulture)}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => InheritedPrefixesToDrop.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var product = new ProductProcess(process, listen);
        process.OutputDataReceived += (_, e) => product.Capture("", e.Data);
        process.ErrorDataReceived += (_, e) => product.Capture("stderr| ", e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("could not start " + Binary);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return product;
    }

    /// <summary>The log so far, for a failure message (the last <paramref name="last"/> lines).</summary>
    public string LogText(int last = 80) =>
        $"----- product (pid {process.Id}) log, last {last} lines -----\n{string.Join('\n', lines.TakeLast(last))}\n----- end -----";

    public bool LogContains(string text) => lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>SIGTERM, then waits for the exit; true when it exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> TerminateAsync(TimeSpan timeout)
    {
        if (!process.HasExited)
        {
            _ = Kill(process.Id, 15);
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM first, as the kubelet stops a pod: a leader hands its Lease back on the way out, so the next
    /// test's product leads at once instead of after the lease duration (15 s). SIGKILL if it has not exited in 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited && !await TerminateAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        process.Dispose();
    }

    private void Capture(string prefix, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(string.Create(CultureInfo.InvariantCulture, $"+{clock.ElapsedMilliseconds,6} ms {prefix}{line}"));
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
