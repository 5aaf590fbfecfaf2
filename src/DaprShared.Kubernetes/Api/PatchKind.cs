namespace DaprShared.Kubernetes.Api;

/// <summary>The patch formats the process sends, by Content-Type.</summary>
public enum PatchKind
{
    /// <summary>Server-side apply: <c>application/apply-patch+yaml</c> (JSON is YAML).</summary>
    Apply,

    /// <summary>RFC 6902: <c>application/json-patch+json</c>.</summary>
    Json,
}
