namespace DaprShared.FakeKubeApi;

/// <summary>The PATCH content types the fake understands.</summary>
public enum PatchKind
{
    /// <summary><c>application/apply-patch+yaml</c> (server-side apply; JSON bodies are YAML too).</summary>
    Apply,

    /// <summary><c>application/merge-patch+json</c> (RFC 7386).</summary>
    Merge,

    /// <summary><c>application/strategic-merge-patch+json</c> (approximated, see the README).</summary>
    Strategic,

    /// <summary><c>application/json-patch+json</c> (RFC 6902).</summary>
    Json,
}
