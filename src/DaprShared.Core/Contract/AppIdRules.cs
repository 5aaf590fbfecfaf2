namespace DaprShared.Core.Contract;

/// <summary>What makes an app-id acceptable: a DNS-1035 label short enough that every name derived from it
/// (the longest is <c>&lt;app-id&gt;-dapr-api-token</c>) is still a DNS-1035 label of at most 63 characters.</summary>
public static class AppIdRules
{
    public const int MaxLabelLength = 63;
    public const int MaxLength = MaxLabelLength - 15; // 15 = SharedObjectNames.ApiTokenSecretSuffix.Length

    /// <summary>The same rule as a regular expression, for the CRD's OpenAPI schema.</summary>
    public const string Pattern = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

    public static bool IsValid(ReadOnlySpan<char> appId)
    {
        if (appId.Length is 0 or > MaxLength || !IsLowerAlpha(appId[0]) || appId[^1] == '-')
        {
            return false;
        }

        foreach (var c in appId)
        {
            if (!IsLowerAlpha(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerAlpha(char c) => c is >= 'a' and <= 'z';
}
