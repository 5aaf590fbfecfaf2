using System.Text.RegularExpressions;
using DaprShared.Core.Contract;

namespace DaprShared.Core.Instances;

/// <summary>The accepted values and bounds of the spec fields, defined once; the rows of <see cref="InstanceSettings"/>
/// name them, and through the rows the reader, the resolver and (by test) the CRD schema use them.</summary>
public static partial class InstanceValues
{
    public const string DefaultAppProtocol = "http";
    public const string DefaultLogLevel = "info";
    public const int DefaultReplicas = 1;

    public const int MinPort = 1;
    public const int MaxPort = 65535;
    public const int MinReplicas = 1;

    /// <summary>A sanity bound: a shared daprd is per cluster; more replicas than this is a typo.</summary>
    public const int MaxReplicas = 100;

    public const int MaxAppChannelAddressLength = 253;
    public const int MaxConfigLength = 253;

    /// <summary>What daprd accepts for <c>--app-protocol</c>.</summary>
    public static readonly IReadOnlyList<string> AppProtocols = ["http", "grpc", "https", "grpcs", "h2c"];

    /// <summary>What daprd (dapr/kit logger) accepts for <c>--log-level</c>.</summary>
    public static readonly IReadOnlyList<string> LogLevels = ["debug", "info", "warn", "error", "fatal"];

    /// <summary>A host name, IPv4 or IPv6 literal: no scheme, no path, no whitespace.</summary>
    public const string AppChannelAddressPattern = @"^[A-Za-z0-9]([-A-Za-z0-9.:]*[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$";

    /// <summary>A Dapr Configuration is a Kubernetes object: its name is a DNS-1123 subdomain.</summary>
    public const string ConfigPattern = @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    public static bool IsValidPort(int value) => value is >= MinPort and <= MaxPort;

    public static bool IsValidReplicas(int value) => value is >= MinReplicas and <= MaxReplicas;

    public static bool IsValidAppChannelAddress(string? value) =>
        value is { Length: > 0 and <= MaxAppChannelAddressLength } && ApiServerPattern.IsMatch(AppChannelAddressRegex(), value);

    public static bool IsValidConfig(string? value) =>
        value is { Length: > 0 and <= MaxConfigLength } && ApiServerPattern.IsMatch(ConfigRegex(), value);

    [GeneratedRegex(AppChannelAddressPattern, RegexOptions.CultureInvariant)]
    private static partial Regex AppChannelAddressRegex();

    [GeneratedRegex(ConfigPattern, RegexOptions.CultureInvariant)]
    private static partial Regex ConfigRegex();
}
