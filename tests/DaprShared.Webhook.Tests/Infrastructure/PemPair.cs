namespace DaprShared.Webhook.Tests.Infrastructure;

/// <summary>A certificate and its key as PEM text, and the certificate's SHA-256 (hex, upper case).</summary>
internal sealed record PemPair(string Certificate, string Key, string Sha256);
