using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DaprShared.Core.Manifests;

/// <summary>Types plain (unquoted) YAML scalars the way Kubernetes does. kubectl and the API server read YAML
/// through sigs.k8s.io/yaml, whose go-yaml v2 fork follows YAML 1.1: <c>yes</c>/<c>on</c>/<c>y</c> are booleans,
/// <c>0644</c> is octal, <c>1_000</c> an integer, <c>2024-01-02</c> a timestamp. Resolving differently would let
/// <c>inject</c> change what a manifest means when it writes it back.</summary>
internal static partial class YamlScalarResolver
{
    private static readonly HashSet<string> TrueWords = new(StringComparer.Ordinal) { "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" };
    private static readonly HashSet<string> FalseWords = new(StringComparer.Ordinal) { "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF" };
    private static readonly HashSet<string> NullWords = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };
    private static readonly HashSet<string> SpecialFloats = new(StringComparer.Ordinal)
    {
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
    };

    /// <summary>The JSON value of a plain scalar. <paramref name="keepText"/> is true when the value is not a
    /// string, or is a string only because JSON cannot hold it (<c>.inf</c>, timestamps): writing the original
    /// text back is then the only way to keep its meaning exactly (e.g. <c>0644</c> stays octal).</summary>
    public static JsonNode? Resolve(string text, out bool keepText)
    {
        keepText = true;
        if (NullWords.Contains(text))
        {
            return null;
        }

        if (TrueWords.Contains(text))
        {
            return JsonValue.Create(true);
        }

        if (FalseWords.Contains(text))
        {
            return JsonValue.Create(false);
        }

        if (SpecialFloats.Contains(text) || IsTimestamp(text))
        {
            // JSON has no infinity, and the API server would turn a timestamp into an RFC 3339 string: keep the
            // text as a string for the decision, and write the original back.
            return JsonValue.Create(text);
        }

        if (TryNumber(text) is { } number)
        {
            return number;
        }

        keepText = false;
        return JsonValue.Create(text);
    }

    /// <summary>True when <paramref name="text"/> written as a plain scalar would be read back as something other
    /// than this string, by Kubernetes' YAML 1.1 rules or by a YAML 1.2 reader. Errs on the side of quoting.</summary>
    public static bool ResolvesToNonString(string text)
    {
        if (NullWords.Contains(text) || TrueWords.Contains(text) || FalseWords.Contains(text) || SpecialFloats.Contains(text))
        {
            return true;
        }

        if (text == "<<" || text == "=")
        {
            return true;
        }

        var c = text[0];
        if (char.IsAsciiDigit(c))
        {
            return true;
        }

        // Signed or dotted numbers (+1, -0x1F, .5, -.inf) and the YAML 1.2 spellings are all quoted.
        return text.Length > 1 && c is '+' or '-' or '.' && (char.IsAsciiDigit(text[1]) || text[1] == '.');
    }

    private static bool IsTimestamp(string text) =>
        text.Length >= 8 && char.IsAsciiDigit(text[0]) && TimestampPattern().IsMatch(text);

    private static JsonNode? TryNumber(string text)
    {
        var c = text[0];
        if (!char.IsAsciiDigit(c) && c is not ('+' or '-' or '.'))
        {
            return null;
        }

        if (c != '.')
        {
            var plain = text.Replace("_", string.Empty, StringComparison.Ordinal);
            if (TryInteger(plain, out var integer))
            {
                return integer >= long.MinValue && integer <= long.MaxValue
                    ? JsonValue.Create((long)integer)
                    : JsonNode.Parse(integer.ToString(CultureInfo.InvariantCulture));
            }

            text = plain;
        }

        if (FloatPattern().IsMatch(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value))
        {
            return JsonValue.Create(value);
        }

        return null;
    }

    // Go's strconv.ParseInt(s, 0, 64) as go-yaml uses it: optional sign, then 0x / 0o / 0b prefixes, a leading 0
    // for octal, otherwise decimal. Big values are kept exact (go-yaml falls back to big.Int).
    private static bool TryInteger(string text, out BigInteger value)
    {
        value = BigInteger.Zero;
        var span = text.AsSpan();
        var negative = false;
        if (span.Length > 0 && span[0] is '+' or '-')
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        if (span.IsEmpty)
        {
            return false;
        }

        var radix = 10;
        if (span.Length > 1 && span[0] == '0')
        {
            switch (span[1])
            {
                case 'x' or 'X':
                    radix = 16;
                    span = span[2..];
                    break;
                case 'o' or 'O':
                    radix = 8;
                    span = span[2..];
                    break;
                case 'b' or 'B':
                    radix = 2;
                    span = span[2..];
                    break;
                default:
                    radix = 8;
                    span = span[1..];
                    break;
            }
        }

        if (span.IsEmpty || span.Length > 400)
        {
            return false;
        }

        foreach (var ch in span)
        {
            var digit = ch switch
            {
                >= '0' and <= '9' => ch - '0',
                >= 'a' and <= 'f' => ch - 'a' + 10,
                >= 'A' and <= 'F' => ch - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                value = BigInteger.Zero;
                return false;
            }

            value = (value * radix) + digit;
        }

        if (negative)
        {
            value = -value;
        }

        return true;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    // The forms go-yaml v2 accepts as timestamps (date, or date and time); the quick check mirrors its "YYYY-".
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?([Zz]|[-+][0-9]{2}:[0-9]{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();
}
