namespace DaprShared.Webhook.Tls;

/// <summary>Turns <c>Tls:Mode</c> (possibly <see cref="TlsMode.Auto"/>) into the mode that runs, with the reason,
/// for the start-up log.</summary>
public static class TlsModeResolver
{
    /// <param name="configured">The configured mode.</param>
    /// <param name="filesConfigured">Whether a certificate and key file are configured.</param>
    /// <param name="inCluster">Whether the process runs in a Kubernetes pod (service account mounted). Only then does
    /// Auto pick <see cref="TlsMode.SelfManaged"/>: the API server can only call a webhook that runs in the cluster, so
    /// a laptop with a kubeconfig gets a self-signed certificate rather than writing Secrets into that cluster.</param>
    public static TlsModeSelection Resolve(TlsMode configured, bool filesConfigured, bool inCluster) => configured switch
    {
        TlsMode.Auto when filesConfigured => new(TlsMode.Files, "a certificate and key file are configured"),
        TlsMode.Auto when inCluster => new(TlsMode.SelfManaged, "no certificate files are configured and the process runs in a cluster"),
        TlsMode.Auto => new(TlsMode.SelfSigned, "no certificate files are configured and the process does not run in a cluster"),
        _ => new(configured, "Tls:Mode says so"),
    };
}
