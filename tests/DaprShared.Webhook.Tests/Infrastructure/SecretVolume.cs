using System.Runtime.InteropServices;

namespace DaprShared.Webhook.Tests.Infrastructure;

/// <summary>A directory laid out like a Kubernetes Secret volume: the data lives in a timestamped directory,
/// <c>..data</c> is a symlink to it, and <c>tls.crt</c>/<c>tls.key</c> are symlinks through <c>..data</c>. An update
/// writes a new directory and swaps <c>..data</c> with one atomic rename, as the kubelet's AtomicWriter does.</summary>
internal sealed class SecretVolume : IDisposable
{
    private int generation;
    private bool linked;

    public SecretVolume()
    {
        Root = Directory.CreateTempSubdirectory("dapr-shared-secret-").FullName;
    }

    public string Root { get; }

    public string CertFile => Path.Combine(Root, "tls.crt");

    public string KeyFile => Path.Combine(Root, "tls.key");

    /// <summary>Writes a new generation with these contents and swaps it in.</summary>
    public void Write(string certificatePem, string keyPem)
    {
        var previous = DataTarget();
        var name = $"..2026_11_26_00_00_{generation++:D2}.{Guid.NewGuid():N}";
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "tls.crt"), certificatePem);
        File.WriteAllText(Path.Combine(directory, "tls.key"), keyPem);

        var temporary = Path.Combine(Root, "..data_tmp");
        File.CreateSymbolicLink(temporary, name);
        if (Rename(temporary, Path.Combine(Root, "..data")) != 0)
        {
            throw new IOException($"rename failed: errno {Marshal.GetLastPInvokeError()}");
        }

        if (!linked)
        {
            linked = true;
            File.CreateSymbolicLink(CertFile, Path.Combine("..data", "tls.crt"));
            File.CreateSymbolicLink(KeyFile, Path.Combine("..data", "tls.key"));
        }

        if (previous is not null)
        {
            Directory.Delete(Path.Combine(Root, previous), recursive: true);
        }
    }

    public void Write(PemPair pair) => Write(pair.Certificate, pair.Key);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private string? DataTarget() => new FileInfo(Path.Combine(Root, "..data")).LinkTarget;

    // rename(2) replaces the ..data symlink itself; File.Move follows it to the directory and refuses.
#pragma warning disable SYSLIB1054 // DllImport needs no unsafe code in the test project.
    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(string oldPath, string newPath);
#pragma warning restore SYSLIB1054
}
