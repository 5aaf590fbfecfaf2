using System.Text;

namespace DaprShared.Core.Injection;

/// <summary>Builds admission warnings: short, one per problem, prefixed with the product and the reason code so
/// <c>kubectl</c> users can search for it. User-supplied values are quoted, truncated and stripped of control
/// characters, because annotation values are attacker-controlled and end up in terminals and logs.</summary>
internal static class WarningText
{
    private const int MaxQuotedLength = 64;

    public static string Format(string reason, string message) => $"dapr-shared: {reason}: {message}";

    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "<null>";
        }

        var builder = new StringBuilder(Math.Min(value.Length, MaxQuotedLength) + 5);
        builder.Append('"');
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, MaxQuotedLength)))
        {
            builder.Append(c is >= ' ' and <= '~' && c != '"' ? c : '?');
        }

        if (value.Length > MaxQuotedLength)
        {
            builder.Append("...");
        }

        return builder.Append('"').ToString();
    }
}
