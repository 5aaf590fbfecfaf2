using DaprShared.Core.Contract;

namespace DaprShared.Core.Instances;

/// <summary>One per-app setting of a shared daprd (a row of <see cref="InstanceSettings"/>): the pod annotation that
/// asks for it, the spec field of the instance that records it, the values it accepts, its default and the daprd
/// flag it becomes.</summary>
public sealed class InstanceSetting
{
    private readonly string? invalid;

    /// <param name="annotation">The pod annotation, <c>dapr-shared.io/&lt;name&gt;</c>.</param>
    /// <param name="field">The spec property of the instance (CRD and JSON name).</param>
    /// <param name="value">Kind, accepted values and where the spec keeps it.</param>
    public InstanceSetting(string annotation, string field, SettingValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(annotation);
        ArgumentException.ThrowIfNullOrEmpty(field);
        ArgumentNullException.ThrowIfNull(value);
        if (!annotation.StartsWith(DaprSharedKeys.AnnotationPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"an instance setting's annotation starts with {DaprSharedKeys.AnnotationPrefix}", nameof(annotation));
        }

        Annotation = annotation;
        Field = field;
        Value = value;
    }

    public string Annotation { get; }

    /// <summary>The annotation without its prefix, e.g. <c>log-level</c>.</summary>
    public string Name => Annotation[DaprSharedKeys.AnnotationPrefix.Length..];

    /// <summary>Dapr's own annotation, read when <see cref="Annotation"/> is absent (only the app-id has one).</summary>
    public string? FallbackAnnotation { get; init; }

    public string Field { get; }

    /// <summary>Where a problem with the spec's value is reported, e.g. <c>spec.logLevel</c>.</summary>
    public string SpecPath => "spec." + Field;

    public SettingValue Value { get; }

    /// <summary>The value an instance that leaves the field unset gets; null when there is none, or when it is
    /// configured (<see cref="ConfiguredDefault"/>) or derived by the setting's own code (strategy, app channel).</summary>
    public string? Default { get; init; }

    /// <summary>The controller-wide default of an unset field (canonical text, null for none): a cluster-wide knob
    /// that each instance may override.</summary>
    public Func<ControllerSettings, string?>? ConfiguredDefault { get; init; }

    /// <summary>The daprd flag the value becomes: <c>--flag=value</c>, or a bare <c>--flag</c> for a true boolean.</summary>
    public string? DaprdFlag { get; init; }

    /// <summary>True when the setting is nothing but a daprd flag, so its row alone decides how it is read, validated,
    /// compared and passed to daprd. The others (app-id, strategy, the app channel, replicas) also shape names,
    /// Services or the workload, and have a few lines of their own in the reader, resolver, comparer and builder.</summary>
    public bool IsDaprdOption { get; init; }

    /// <summary>What is wrong with an invalid value and what is used instead, completing <c>'x' is ...</c>.</summary>
    public string Invalid
    {
        get => invalid ?? Value.Kind switch
        {
            SettingValueKind.Choice => $"not one of {string.Join(", ", Value.Choices)}{Instead}",
            SettingValueKind.Boolean => $"not true or false{Instead}",
            _ => "invalid" + Instead,
        };
        init => invalid = value;
    }

    private string Instead => Default is not null ? "; using " + Default
        : ConfiguredDefault is not null ? "; using the configured default"
        : "";

    /// <summary>The daprd argument for <paramref name="value"/> (canonical text), or null when it adds none.</summary>
    public string? DaprdArgument(string? value)
    {
        if (DaprdFlag is null || value is null)
        {
            return null;
        }

        if (Value.Kind == SettingValueKind.Boolean)
        {
            return value == "true" ? DaprdFlag : null;
        }

        return DaprdFlag + "=" + value;
    }

    public override string ToString() => Annotation;
}
