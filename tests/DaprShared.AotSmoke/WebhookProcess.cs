using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace DaprShared.AotSmoke;

/// <summary>The binary under test as a child process: its stdout and stderr are captured line by line with the time
/// since start (printed when a step fails), and it is stopped by PID like the kubelet does it.</summary>
internal sealed class WebhookProcess : IAsyncDisposable
{
    // Variables of the machine running the smoke that would change what the binary connects to or how it is
    // configured: the smoke must see only what it sets itself.
    private static readonly string[] InheritedPrefixesToDrop =
        ["KUBECONFIG", "KUBERNETES_", "POD_NAMESPACE", "Controller__", "Injector__", "Tls__", "Kubernetes__", "Logging__", "ASPNETCORE_", "DOTNET_URLS"];

    private readonly Process process;
    private readonly Stopwatch clock;
    private readonly ConcurrentQueue<string> lines = new();

    private WebhookProcess(Process process, Stopwatch clock)
    {
        this.process = process;
        this.clock = clock;
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Everything the binary wrote so far, stderr lines marked.</summary>
    public IReadOnlyList<string> Log => [.. lines];

    public static WebhookProcess Start(string binary, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(binary)!,
        };
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
        var running = new WebhookProcess(process, Stopwatch.StartNew());
        process.OutputDataReceived += (_, e) => running.Capture("", e.Data);
        process.ErrorDataReceived += (_, e) => running.Capture("stderr| ", e.Data);
        if (!process.Start())
        {
            throw new SmokeFailure($"could not start {binary}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>SIGTERM: what the kubelet sends first when a pod is deleted.</summary>
    public void Terminate() => PosixSignals.Send(process.Id, PosixSignals.SigTerm);

    /// <summary>True when the process exited within <paramref name="timeout"/>; its output is then fully read.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
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

    /// <summary>SIGKILL, when SIGTERM was not enough (or the run is being torn down after a failure).</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await WaitForExitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
    }

    public void WriteLog(TextWriter output)
    {
        output.WriteLine($"----- log of {process.StartInfo.FileName} (pid {process.Id}) -----");
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        output.WriteLine("----- end of log -----");
        output.Flush();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        process.Dispose();
    }

    private void Capture(string prefix, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(string.Create(CultureInfo.InvariantCulture, $"+{clock.ElapsedMilliseconds,6} ms {prefix}{line}"));
        }
    }
}
