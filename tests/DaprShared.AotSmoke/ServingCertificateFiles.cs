namespace DaprShared.AotSmoke;

/// <summary>A throwaway serving certificate written as PEM files, as a cert-manager Secret volume would hold them,
/// and its SHA-256 hash: the smoke's HTTPS client trusts exactly this certificate and nothing else.</summary>
internal sealed record ServingCertificateFiles(string CertFile, string KeyFile, byte[] Sha256);
