using System.Globalization;

namespace DaprShared.Core.Instances;

/// <summary>The value of one <see cref="InstanceSetting"/>: its kind, what is accepted, and where the instance spec
/// keeps it. Values pass between annotation, spec, comparison and daprd flag as canonical text: a choice or a boolean
/// lowercased, a number in invariant digits, a text as written.</summary>
public sealed class SettingValue
{
    private const string True = "true";
    private const string False = "false";

    private readonly Func<DaprSharedInstanceSpec, string?> get;
    private readonly Action<DaprSharedInstanceSpec, string> set;
    private readonly Func<string, bool> isValid;

    private SettingValue(SettingValueKind kind, Func<DaprSharedInstanceSpec, string?> get, Action<DaprSharedInstanceSpec, string> set, Func<string, bool> isValid)
    {
        Kind = kind;
        this.get = get;
        this.set = set;
        this.isValid = isValid;
    }

    public SettingValueKind Kind { get; }

    /// <summary>The accepted values of a <see cref="SettingValueKind.Choice"/>, as the CRD's <c>enum</c> lists them.</summary>
    public IReadOnlyList<string> Choices { get; private init; } = [];

    /// <summary>The CRD <c>pattern</c> of a <see cref="SettingValueKind.Text"/> (Go RE2 syntax, matched as
    /// <see cref="Contract.ApiServerPattern"/> does).</summary>
    public string? Pattern { get; private init; }

    public int? MaxLength { get; private init; }

    public int? Minimum { get; private init; }

    public int? Maximum { get; private init; }

    /// <param name="get">The spec's value.</param>
    /// <param name="set">Stores a valid value in the spec.</param>
    /// <param name="isValid">The whole rule (pattern, length, anything the pattern cannot say).</param>
    /// <param name="pattern">The rule as the CRD states it.</param>
    /// <param name="maxLength">The CRD's <c>maxLength</c>.</param>
    public static SettingValue Text(Func<DaprSharedInstanceSpec, string?> get, Action<DaprSharedInstanceSpec, string> set, Func<string, bool> isValid, string pattern, int maxLength) =>
        new(SettingValueKind.Text, get, set, isValid) { Pattern = pattern, MaxLength = maxLength };

    public static SettingValue Choice(Func<DaprSharedInstanceSpec, string?> get, Action<DaprSharedInstanceSpec, string> set, IReadOnlyList<string> choices) =>
        new(SettingValueKind.Choice, get, set, value => choices.Contains(value, StringComparer.Ordinal)) { Choices = choices };

    public static SettingValue Integer(Func<DaprSharedInstanceSpec, int?> get, Action<DaprSharedInstanceSpec, int> set, int minimum, int maximum) =>
        new(
            SettingValueKind.Integer,
            spec => get(spec)?.ToString(CultureInfo.InvariantCulture),
            (spec, value) => set(spec, ParseInteger(value)),
            value => TryParseInteger(value, out var number) && number >= minimum && number <= maximum)
        {
            Minimum = minimum,
            Maximum = maximum,
        };

    public static SettingValue Boolean(Func<DaprSharedInstanceSpec, bool?> get, Action<DaprSharedInstanceSpec, bool> set) =>
        new(
            SettingValueKind.Boolean,
            spec => get(spec) is { } flag ? (flag ? True : False) : null,
            (spec, value) => set(spec, value == True),
            value => value is True or False);

    /// <summary>The spec's value as canonical text; null when the spec leaves it unset.</summary>
    public string? Read(DaprSharedInstanceSpec spec) => get(spec);

    /// <summary>Stores <paramref name="value"/>, which must be valid canonical text.</summary>
    public void Write(DaprSharedInstanceSpec spec, string value) => set(spec, value);

    /// <summary>Whether a spec value is acceptable as it is stored: the CRD's rule (choices exactly, no case folding).</summary>
    public bool IsValid(string value) => isValid(value);

    /// <summary>An annotation's text as canonical text, when it is valid: choices and booleans are case-insensitive, a
    /// number takes digits only (no sign, no blanks).</summary>
    public bool TryParseAnnotation(string text, out string value)
    {
        value = Kind is SettingValueKind.Choice or SettingValueKind.Boolean ? text.ToLowerInvariant() : text;
        if (Kind == SettingValueKind.Integer)
        {
            if (!TryParseInteger(text, out var number))
            {
                return false;
            }

            value = number.ToString(CultureInfo.InvariantCulture);
        }

        return isValid(value);
    }

    private static bool TryParseInteger(string text, out int number) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);

    private static int ParseInteger(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
