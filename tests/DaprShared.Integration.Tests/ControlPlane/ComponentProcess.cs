using System.Diagnostics;

namespace DaprShared.Integration.Tests.ControlPlane;

/// <summary>One control-plane binary as a child process, its output appended to a log file (the API server's log is
/// where a rejected request explains itself). Stopped by PID with SIGKILL: for etcd and the API server that is an
/// outage, which is what a restart test wants; data in etcd survives it.</summary>
public sealed class ComponentProcess : IDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private ComponentProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        this.process = process;
        this.log = log;
    }

    public string Name { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public static ComponentProcess Start(string name, string binary, IReadOnlyList<string> arguments, string logFile)
    {
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The binaries must not pick up a kubeconfig or proxy of the machine running the tests.
        foreach (var variable in new[] { "KUBECONFIG", "HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy" })
        {
            start.Environment.Remove(variable);
        }

        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        if (!process.Start())
        {
            log.Dispose();
            throw new InvalidOperationException($"could not start {binary}");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ComponentProcess(name, process, log);
    }

    public void Stop()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Stop();
        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }

    private static void Append(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }
}
