using DaprShared.Core.Contract;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DaprShared.Webhook.Hosting;

/// <summary>Section <c>Injector</c> as text, checked before it is bound: a misspelt key would otherwise be ignored (and
/// the operator's setting with it), and the binder's error for a bad strategy or flag names a .NET type instead of
/// the values an operator can write. After this check the binder cannot fail.</summary>
internal static class ClusterSettingsText
{
    private static readonly string[] Keys = [nameof(ClusterSettings.ClusterDomain), nameof(ClusterSettings.DefaultStrategy), nameof(ClusterSettings.ApiTokens)];

    public static void ThrowIfUnreadable(IConfiguration configuration)
    {
        var failures = Problems(configuration.GetSection(ClusterSettings.SectionName));
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ClusterSettings), failures);
        }
    }

    public static List<string> Problems(IConfigurationSection section)
    {
        var failures = new List<string>();
        foreach (var child in section.GetChildren())
        {
            if (!Keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{child.Path} is not a setting (known: {string.Join(", ", Keys)})");
            }
        }

        var strategy = section[nameof(ClusterSettings.DefaultStrategy)];
        if (!string.IsNullOrEmpty(strategy) && !SharedStrategyNames.TryParse(strategy, out _) && !Enum.TryParse<SharedStrategy>(strategy, ignoreCase: true, out _))
        {
            failures.Add($"{ClusterSettings.SectionName}:{nameof(ClusterSettings.DefaultStrategy)} must be daemonset or deployment, got \"{strategy}\"");
        }

        var apiTokens = section[nameof(ClusterSettings.ApiTokens)];
        if (!string.IsNullOrEmpty(apiTokens) && !bool.TryParse(apiTokens, out _))
        {
            failures.Add($"{ClusterSettings.SectionName}:{nameof(ClusterSettings.ApiTokens)} must be true or false, got \"{apiTokens}\"");
        }

        return failures;
    }
}
