namespace DaprShared.Core.Manifests;

/// <summary>Which YAML scalar style can carry a string unchanged: plain when nothing could misread it, a literal
/// block for readable multi-line text, double quotes (with escapes) for everything else.</summary>
internal static class YamlScalarStyle
{
    private const string Indicators = "-?:,[]{}#&*!|>'\"%@`";

    public static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || value[0] == ' ' || value[^1] == ' ' || value[^1] == ':')
        {
            return false;
        }

        // "--app-port" reads fine as a plain scalar; "-", "- x" and "---" do not.
        var first = value[0];
        if (Indicators.Contains(first, StringComparison.Ordinal)
            && !(first == '-' && value.Length > 1 && value[1] != ' ' && !value.StartsWith("---", StringComparison.Ordinal)))
        {
            return false;
        }

        if (YamlScalarResolver.ResolvesToNonString(value)
            || value.Contains(": ", StringComparison.Ordinal)
            || value.Contains(" #", StringComparison.Ordinal))
        {
            return false;
        }

        return AllPrintable(value, allowLineFeedAndTab: false);
    }

    /// <summary>True when a literal block (<c>|</c>) reads back as exactly <paramref name="value"/>: multi-line,
    /// printable, and the first line does not start with white space (that would change the detected
    /// indentation).</summary>
    public static bool CanBeLiteral(string value)
    {
        if (!value.Contains('\n', StringComparison.Ordinal) || value[0] is '\n' or ' ' or '\t')
        {
            return false;
        }

        return AllPrintable(value, allowLineFeedAndTab: true);
    }

    /// <summary>Every character is <see cref="IsPrintable"/> (a surrogate only as half of a valid pair), or, when
    /// <paramref name="allowLineFeedAndTab"/>, a line feed or tab.</summary>
    private static bool AllPrintable(string value, bool allowLineFeedAndTab)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (!IsPrintable(c) && !(allowLineFeedAndTab && c is ('\n' or '\t')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>YAML's printable set minus the characters that some readers treat as line breaks (NEL, LS, PS) or
    /// strip (BOM); surrogates are handled by the callers, in pairs.</summary>
    public static bool IsPrintable(char c) =>
        c is (>= ' ' and <= '~') or '\u00a0' or (> '\u00a0' and <= '\ud7ff' and not '\u2028' and not '\u2029')
            or (>= '\ue000' and <= '\ufffd' and not '\ufeff');
}
