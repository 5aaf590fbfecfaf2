using System.Text.RegularExpressions;
using DaprShared.Core.Contract;
using Microsoft.Extensions.Options;

namespace DaprShared.Webhook.Hosting;

/// <summary>Every injected endpoint is built from the cluster domain: a bad one would break every app, so it fails
/// start-up instead.</summary>
public sealed partial class ClusterSettingsValidator : IValidateOptions<ClusterSettings>
{
    private const int MaxDomainLength = 253;

    public ValidateOptionsResult Validate(string? name, ClusterSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        var domain = options.ClusterDomain;
        if (string.IsNullOrEmpty(domain) || domain.Length > MaxDomainLength || !DnsSubdomain().IsMatch(domain))
        {
            failures.Add($"Injector:ClusterDomain must be a DNS domain such as cluster.local (lower case, no trailing dot), got \"{domain}\"");
        }

        if (!Enum.IsDefined(options.DefaultStrategy))
        {
            failures.Add($"Injector:DefaultStrategy must be DaemonSet or Deployment, got {options.DefaultStrategy}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // RFC 1123 labels of at most 63 characters, joined by dots.
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();
}
