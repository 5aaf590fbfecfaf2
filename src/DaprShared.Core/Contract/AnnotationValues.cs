using System.Globalization;

namespace DaprShared.Core.Contract;

/// <summary>The accepted values of the annotations that configure a shared instance (DESIGN §2). One place, so the
/// webhook's warnings, the controller's parsing and the CRD schema cannot disagree.</summary>
public static class AnnotationValues
{
    public static readonly IReadOnlyList<string> AppProtocols = ["http", "grpc", "https", "grpcs", "h2c"];

    /// <summary>The levels daprd's <c>--log-level</c> accepts.</summary>
    public static readonly IReadOnlyList<string> LogLevels = ["debug", "info", "warn", "error", "fatal"];

    public const int MaxReplicas = 100;
    public const int MaxNameLength = 253;

    public static bool TryParsePort(string? value, out int port) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;

    public static bool TryParseReplicas(string? value, out int replicas) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out replicas) && replicas is >= 1 and <= MaxReplicas;

    public static bool IsAppProtocol(string? value) => value is not null && AppProtocols.Contains(value);

    public static bool IsLogLevel(string? value) => value is not null && LogLevels.Contains(value);

    /// <summary>A Dapr Configuration name: a DNS-1123 subdomain.</summary>
    public static bool IsConfigName(string? value) => IsDnsSubdomain(value);

    /// <summary>Where daprd reaches the app: a DNS-1123 subdomain (usually a Service host) or an IP address.</summary>
    public static bool IsChannelAddress(string? value) =>
        IsDnsSubdomain(value) || (value is { Length: > 0 and <= 45 } && System.Net.IPAddress.TryParse(value, out _));

    private static bool IsDnsSubdomain(string? value)
    {
        if (value is null || value.Length is 0 or > MaxNameLength)
        {
            return false;
        }

        foreach (var label in value.Split('.'))
        {
            if (label.Length is 0 or > AppIdRules.MaxLabelLength || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
