using System.Globalization;
using DaprShared.Core.Instances;

namespace DaprShared.Core.Tests.Instances;

/// <summary>Values for any row of <see cref="InstanceSettings"/>, from its kind, so the table-driven tests cover a
/// new row without being told about it.</summary>
internal static class SettingExamples
{
    public static TheoryData<string> Fields(Func<InstanceSetting, bool>? where = null) =>
        new(InstanceSettings.All.Where(s => where is null || where(s)).Select(s => s.Field));

    public static InstanceSetting Row(string field) => InstanceSettings.All.Single(s => s.Field == field);

    /// <summary>Two different valid values, as canonical text.</summary>
    public static (string One, string Other) Valid(InstanceSetting setting) => setting.Value.Kind switch
    {
        SettingValueKind.Choice => (setting.Value.Choices[^1], setting.Value.Choices[0]),
        SettingValueKind.Integer => (Number(setting.Value.Maximum!.Value), Number(setting.Value.Minimum!.Value)),
        SettingValueKind.Boolean => ("true", "false"),
        _ => ("orders-api", "orders-web"), // a DNS label: an app-id, a host name and a Configuration name alike
    };

    public static string Invalid(InstanceSetting setting) => setting.Value.Kind switch
    {
        SettingValueKind.Choice => "bogus",
        SettingValueKind.Integer => "x",
        SettingValueKind.Boolean => "maybe",
        _ => "Not Valid!",
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
