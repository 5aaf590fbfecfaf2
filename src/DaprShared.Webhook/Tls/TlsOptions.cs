namespace DaprShared.Webhook.Tls;

/// <summary>Configuration section <c>Tls</c> (command line <c>--tls-cert-file</c>, <c>--tls-key-file</c>,
/// <c>--tls-mode</c>).</summary>
public sealed class TlsOptions
{
    public const string SectionName = "Tls";

    public TlsMode Mode { get; set; } = TlsMode.Auto;

    /// <summary>PEM certificate; may hold intermediates after the leaf (sent with it).</summary>
    public string? CertFile { get; set; }

    /// <summary>PEM private key (PKCS#8, PKCS#1 or SEC1; not encrypted).</summary>
    public string? KeyFile { get; set; }

    /// <summary>How often the files are read and compared. Secret volumes change by swapping a symlink, which file
    /// watchers miss, so polling it is; the kubelet itself only syncs Secrets every minute or so.</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(5);

    public bool HasFiles => !string.IsNullOrWhiteSpace(CertFile) || !string.IsNullOrWhiteSpace(KeyFile);
}
