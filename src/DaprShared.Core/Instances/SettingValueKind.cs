namespace DaprShared.Core.Instances;

/// <summary>What kind of value an <see cref="InstanceSetting"/> takes, which is also its type in the CRD schema.</summary>
public enum SettingValueKind
{
    /// <summary>A string matching a pattern (CRD: <c>string</c> with <c>pattern</c> and <c>maxLength</c>).</summary>
    Text,

    /// <summary>One of a fixed list of lowercase words (CRD: <c>string</c> with <c>enum</c>); the annotation is case-insensitive.</summary>
    Choice,

    /// <summary>A whole number within bounds (CRD: <c>integer</c> with <c>minimum</c> and <c>maximum</c>).</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c> (CRD: <c>boolean</c>); the annotation is case-insensitive.</summary>
    Boolean,
}
