using System.Text.RegularExpressions;

namespace DaprShared.Core.Contract;

/// <summary>Matching as the API server matches an OpenAPI <c>pattern</c> (Go's RE2): <c>$</c> is the end of the text.
/// In .NET, <c>$</c> also matches before a final newline, so <c>"orders.shop.svc\n"</c> (what a YAML block scalar
/// <c>|</c> gives an annotation) passed our checks and the API server then refused the instance made from it — found
/// by the real-API-server suite. That final newline is the only difference for patterns without RegexOptions.Multiline.</summary>
public static class ApiServerPattern
{
    public static bool IsMatch(Regex regex, string value)
    {
        ArgumentNullException.ThrowIfNull(regex);
        ArgumentNullException.ThrowIfNull(value);
        return !value.EndsWith('\n') && regex.IsMatch(value);
    }

    /// <summary>The same for a pattern given as text (tests of the CRD's schema).</summary>
    public static bool IsMatch(string pattern, string value) => IsMatch(new Regex(pattern, RegexOptions.CultureInvariant), value);
}
