using System.Runtime.InteropServices;

namespace DaprShared.AotSmoke;

/// <summary>SIGTERM, which is what the kubelet sends: <see cref="System.Diagnostics.Process.Kill()"/> only sends
/// SIGKILL, which would skip the graceful shutdown (and the lease release) this smoke checks.</summary>
internal static class PosixSignals
{
    public const int SigTerm = 15;

    public static void Send(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
        {
            throw new SmokeFailure($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int sig);
}
