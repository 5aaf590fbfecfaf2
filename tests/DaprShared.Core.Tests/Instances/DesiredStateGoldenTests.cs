using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.TestData;
using k8s;

namespace DaprShared.Core.Tests.Instances;

/// <summary>The builder's whole output for both strategies, as multi-document YAML in apply order, then the
/// API-token Secret and the trust-anchors ConfigMap. Regenerate with <c>UPDATE_GOLDEN=1</c> and review the diff.</summary>
public sealed class DesiredStateGoldenTests
{
    internal const string TestToken = "test-token-not-a-secret";
    internal const string TestCaPem = "-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----\n";

    public static TheoryData<string> Scenarios => new(GoldenScenarios.Names);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Build_Scenario_MatchesGoldenYaml(string scenario)
    {
        var yaml = GoldenScenarios.RenderYaml(scenario);

        Golden.Match($"instances/{scenario}.yaml", yaml);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Build_Twice_GivesIdenticalOutput(string scenario)
    {
        GoldenScenarios.RenderYaml(scenario).Should().Be(GoldenScenarios.RenderYaml(scenario));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void RenderedYaml_LoadsStrictly_AndRoundTripsUnchanged(string scenario)
    {
        var yaml = GoldenScenarios.RenderYaml(scenario);

        var objects = KubernetesYaml.LoadAllFromString(yaml, strict: true);

        objects.Should().HaveCount(GoldenScenarios.Objects(scenario).Count);
        KubernetesYaml.SerializeAll(objects).ReplaceLineEndings("\n").TrimEnd()
            .Should().Be(yaml.ReplaceLineEndings("\n").TrimEnd());
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void RenderedJson_RoundTripsUnchanged(string scenario)
    {
        foreach (var obj in GoldenScenarios.Objects(scenario))
        {
            var json = KubernetesJson.Serialize(obj);

            json.Should().NotContain(":null", "unset fields must be left out, not sent as null to the API server");
            KubernetesJson.Serialize(DeserializeAs(json, obj.GetType())).Should().Be(json);
        }
    }

    private static object DeserializeAs(string json, Type type)
    {
        var method = typeof(KubernetesJson).GetMethods()
            .Single(m => m.Name == nameof(KubernetesJson.Deserialize) && m.GetParameters() is [{ ParameterType: var p }, _] && p == typeof(string));
        return method.MakeGenericMethod(type).Invoke(null, [json, null])!;
    }
}
