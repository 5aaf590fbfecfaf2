namespace DaprShared.Core.Patching;

/// <summary>RFC 6901 reference tokens. Label and annotation keys almost always contain '/', so escaping is on
/// the hot path; '~' is escaped first (to "~0") so that "~1" in a key cannot be misread.</summary>
public static class JsonPointer
{
    public static string Escape(string token)
    {
        if (token.AsSpan().IndexOfAny('~', '/') < 0)
        {
            return token;
        }

        return token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }

    public static string Unescape(string token)
    {
        if (!token.Contains('~', StringComparison.Ordinal))
        {
            return token;
        }

        return token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
    }
}
