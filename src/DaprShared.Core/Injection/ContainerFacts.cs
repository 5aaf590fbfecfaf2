using DaprShared.Core.Contract;

namespace DaprShared.Core.Injection;

/// <summary>One container (or init container) as far as the injector looks: its name, whether <c>env</c> is an
/// array, and the first entry of each variable the webhook injects.</summary>
internal sealed class ContainerFacts
{
    /// <summary>The variable names whose entries are kept, in the order of <see cref="ContainerFacts.Existing"/>.</summary>
    public static readonly string[] InjectedNames = [EnvNames.HttpEndpoint, EnvNames.GrpcEndpoint, EnvNames.ApiToken];

    private readonly EnvEntryFacts?[]? existing;

    public ContainerFacts(JsonSlice name, bool envIsArray, EnvEntryFacts?[]? existing)
    {
        Name = name;
        EnvIsArray = envIsArray;
        this.existing = existing;
    }

    public JsonSlice Name { get; }

    public bool EnvIsArray { get; }

    /// <summary>The first env entry named <paramref name="variableName"/>; null when there is none.</summary>
    public EnvEntryFacts? Existing(string variableName)
    {
        var index = Array.IndexOf(InjectedNames, variableName);
        if (index < 0)
        {
            throw new ArgumentException($"{variableName} is not an injected variable", nameof(variableName));
        }

        return existing?[index];
    }
}
