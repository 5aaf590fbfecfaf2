namespace DaprShared.Webhook.Tls;

/// <summary>The TLS mode that runs and why (<see cref="TlsModeResolver"/>).</summary>
public sealed record TlsModeSelection(TlsMode Mode, string Reason);
