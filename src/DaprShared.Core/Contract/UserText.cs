using System.Text;

namespace DaprShared.Core.Contract;

/// <summary>Makes user-supplied values (annotation values, names from requests) safe to echo into admission
/// warnings, Events, conditions and logs: bounded, one line, printable ASCII only. Annotation values are
/// attacker-controlled and end up in terminals.</summary>
public static class UserText
{
    public const int MaxLength = 64;

    public static string Shorten(string? value)
    {
        if (value is null)
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(value.Length, MaxLength) + 3);
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, MaxLength)))
        {
            builder.Append(c is >= ' ' and <= '~' && c != '"' && c != '\'' ? c : '?');
        }

        if (value.Length > MaxLength)
        {
            builder.Append("...");
        }

        return builder.ToString();
    }

    public static string Quote(string? value) => value is null ? "<null>" : $"\"{Shorten(value)}\"";
}
