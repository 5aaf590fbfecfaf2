namespace DaprShared.Core.Manifests;

/// <summary>Bounds that keep hostile manifests (deep nesting, alias "billion laughs" bombs) from hanging or
/// exhausting the CLI. Real Kubernetes objects stay far below all of them.</summary>
public static class ManifestLimits
{
    /// <summary>Deepest nesting of mappings and sequences accepted. The YAML scanner slows down quadratically
    /// with flow nesting, so the reader stops at this depth instead of scanning on.</summary>
    public const int MaxDepth = 200;

    /// <summary>Most nodes that alias (<c>*name</c>) and merge-key expansion may create in one input.</summary>
    public const int MaxAliasNodes = 200_000;

    /// <summary>Largest input read, in characters.</summary>
    public const int MaxInputChars = 64 * 1024 * 1024;
}
