using System.Security.Cryptography;
using DaprShared.Webhook.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace DaprShared.Webhook.Tls;

/// <summary>Serves the PEM certificate and key from <c>Tls:CertFile</c> and <c>Tls:KeyFile</c> and reloads them
/// when their contents change.</summary>
/// <remarks>Kubernetes updates a Secret volume by writing a new directory and swapping the <c>..data</c> symlink,
/// so neither a file watcher nor a modification time is reliable: every <c>Tls:ReloadInterval</c> both files are
/// read and their SHA-256 compared with what is being served. A certificate that cannot be used (partly written,
/// corrupt, key and certificate from different rotations) leaves the previous one in place; it is reported once
/// the same bad contents are seen on two polls in a row, since a reader can catch two separately written files
/// between their writes.</remarks>
public sealed class FileCertificateSource(
    IOptions<TlsOptions> options, WebhookMetrics metrics, TimeProvider time, ILogger<FileCertificateSource> logger)
    : IServingCertificateSource, IDisposable
{
    private readonly ServingCertificateSlot slot = new();
    private readonly string certFile = options.Value.CertFile ?? throw new InvalidOperationException("Tls:CertFile is not set");
    private readonly string keyFile = options.Value.KeyFile ?? throw new InvalidOperationException("Tls:KeyFile is not set");
    private readonly TimeSpan interval = options.Value.ReloadInterval;
    private readonly BackgroundPoll background = new();
    private string? servedHash;
    private string? failureKey;
    private bool failureReported;

    public string Name => "files";

    public ServingCertificate? Current => slot.Current;

    public IChangeToken GetChangeToken() => slot.GetChangeToken();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Nothing is served yet, so an unusable file fails start-up with the reason rather than serving nothing.
        var (hash, certificate) = ReadAndLoad();
        servedHash = hash;
        slot.Publish(certificate);
        metrics.CertificateReloaded(loaded: true);

        background.Start(PollAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => background.StopAsync(cancellationToken);

    public void Dispose() => background.Dispose();

    /// <summary>One poll: reload when the contents changed. Internal so tests can drive it without waiting.</summary>
    internal void Poll()
    {
        FileSnapshot snapshot;
        try
        {
            snapshot = FileSnapshot.Read(certFile, keyFile);
        }
        catch (ServingCertificateException e)
        {
            Reject("read:" + e.Message, e.Message);
            return;
        }

        using (snapshot)
        {
            if (snapshot.Hash == servedHash)
            {
                failureKey = null;
                return;
            }

            ServingCertificate certificate;
            try
            {
                certificate = PemCertificateLoader.Load(snapshot.Certificate, snapshot.Key, certFile, keyFile);
            }
            catch (ServingCertificateException e)
            {
                Reject(snapshot.Hash, e.Message);
                return;
            }

            servedHash = snapshot.Hash;
            failureKey = null;
            slot.Publish(certificate);
            metrics.CertificateReloaded(loaded: true);
        }
    }

    private (string Hash, ServingCertificate Certificate) ReadAndLoad()
    {
        using var snapshot = FileSnapshot.Read(certFile, keyFile);
        return (snapshot.Hash, PemCertificateLoader.Load(snapshot.Certificate, snapshot.Key, certFile, keyFile));
    }

    private void Reject(string key, string reason)
    {
        if (key != failureKey)
        {
            failureKey = key;
            failureReported = false;
            return;
        }

        if (!failureReported)
        {
            failureReported = true;
            TlsLog.ReloadRejected(logger, reason);
            metrics.CertificateReloaded(loaded: false);
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    Poll();
                }
#pragma warning disable CA1031 // A polling fault must never stop the reloads or the process.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    TlsLog.PollFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Both files' bytes and one hash over them. The key bytes are cleared on dispose.</summary>
    private sealed class FileSnapshot : IDisposable
    {
        private FileSnapshot(byte[] certificate, byte[] key)
        {
            Certificate = certificate;
            Key = key;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(certificate);
            hash.AppendData(BitConverter.GetBytes(certificate.Length));
            hash.AppendData(key);
            Hash = Convert.ToHexString(hash.GetHashAndReset());
        }

        public byte[] Certificate { get; }

        public byte[] Key { get; }

        public string Hash { get; }

        public static FileSnapshot Read(string certFile, string keyFile)
        {
            try
            {
                return new FileSnapshot(File.ReadAllBytes(certFile), File.ReadAllBytes(keyFile));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ServingCertificateException($"cannot read {certFile} and {keyFile}: {e.Message}", new IOException(e.Message, e));
            }
        }

        public void Dispose() => CryptographicOperations.ZeroMemory(Key);
    }
}
