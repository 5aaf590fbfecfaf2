using DaprShared.Core.Contract;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DaprShared.Controller.Options;

/// <summary>Builds <see cref="ClusterSettings"/> from section <c>Injector</c> by hand, then validates it. The webhook
/// and the controller both get it from <see cref="ControllerServiceCollectionExtensions.AddDaprSharedClusterSettings"/>,
/// so they read the same values the same way.</summary>
/// <remarks>The record's properties are init-only, which the configuration-binding source generator (on in the
/// webhook executable, and always under Native AOT) skips without a word: a generated binder would ignore the
/// operator's settings. Reading three keys explicitly also gives clear errors for a bad value or a misspelt key.</remarks>
internal sealed class ClusterSettingsFactory(IConfiguration configuration, IEnumerable<IValidateOptions<ClusterSettings>> validators)
    : IOptionsFactory<ClusterSettings>
{
    private const string ClusterDomainKey = nameof(ClusterSettings.ClusterDomain);
    private const string DefaultStrategyKey = nameof(ClusterSettings.DefaultStrategy);
    private const string ApiTokensKey = nameof(ClusterSettings.ApiTokens);

    public ClusterSettings Create(string name)
    {
        var section = configuration.GetSection(ClusterSettings.SectionName);
        var defaults = new ClusterSettings();
        var failures = new List<string>();

        foreach (var child in section.GetChildren())
        {
            if (child.Key is not (ClusterDomainKey or DefaultStrategyKey or ApiTokensKey)
                && !child.Key.Equals(ClusterDomainKey, StringComparison.OrdinalIgnoreCase)
                && !child.Key.Equals(DefaultStrategyKey, StringComparison.OrdinalIgnoreCase)
                && !child.Key.Equals(ApiTokensKey, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{child.Path} is not a setting (known: {ClusterDomainKey}, {DefaultStrategyKey}, {ApiTokensKey})");
            }
        }

        var strategy = defaults.DefaultStrategy;
        var strategyText = section[DefaultStrategyKey];
        if (!string.IsNullOrEmpty(strategyText)
            && !SharedStrategyNames.TryParse(strategyText, out strategy)
            && !Enum.TryParse(strategyText, ignoreCase: true, out strategy))
        {
            failures.Add($"{ClusterSettings.SectionName}:{DefaultStrategyKey} must be daemonset or deployment, got \"{strategyText}\"");
        }

        var apiTokens = defaults.ApiTokens;
        var apiTokensText = section[ApiTokensKey];
        if (!string.IsNullOrEmpty(apiTokensText) && !bool.TryParse(apiTokensText, out apiTokens))
        {
            failures.Add($"{ClusterSettings.SectionName}:{ApiTokensKey} must be true or false, got \"{apiTokensText}\"");
        }

        var settings = new ClusterSettings
        {
            ClusterDomain = section[ClusterDomainKey] ?? defaults.ClusterDomain,
            DefaultStrategy = strategy,
            ApiTokens = apiTokens,
        };

        if (failures.Count == 0)
        {
            foreach (var validator in validators)
            {
                var result = validator.Validate(name, settings);
                if (result.Failed)
                {
                    failures.AddRange(result.Failures);
                }
            }
        }

        return failures.Count == 0 ? settings : throw new OptionsValidationException(name, typeof(ClusterSettings), failures);
    }
}
