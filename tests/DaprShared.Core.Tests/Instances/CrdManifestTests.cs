using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.TestData;
using k8s;
using k8s.Models;

namespace DaprShared.Core.Tests.Instances;

/// <summary>The CRD file in deploy/ and the C# model must describe the same resource.</summary>
public sealed class CrdManifestTests
{
    private static readonly Lazy<V1CustomResourceDefinition> Crd = new(() =>
        KubernetesYaml.Deserialize<V1CustomResourceDefinition>(
            File.ReadAllText(Path.Combine(TestDataPaths.RepositoryRoot(), "deploy", "crds", "daprsharedinstances.dapr-shared.io.yaml")),
            strict: true));

    private static V1CustomResourceDefinitionVersion Version => Crd.Value.Spec.Versions.Single();

    private static V1JSONSchemaProps Root => Version.Schema.OpenAPIV3Schema;

    private static V1JSONSchemaProps SpecSchema => Root.Properties["spec"];

    private static V1JSONSchemaProps StatusSchema => Root.Properties["status"];

    [Fact]
    public void Crd_LoadsStrictly_WithTheModelsNames()
    {
        var crd = Crd.Value;

        crd.ApiVersion.Should().Be("apiextensions.k8s.io/v1");
        crd.Kind.Should().Be("CustomResourceDefinition");
        crd.Metadata.Name.Should().Be(DaprSharedInstance.CrdName);
        crd.Spec.Group.Should().Be(DaprSharedInstance.Group);
        crd.Spec.Scope.Should().Be("Namespaced");
        crd.Spec.Names.Kind.Should().Be(DaprSharedInstance.EntityKind);
        crd.Spec.Names.ListKind.Should().Be(DaprSharedInstance.ListKind);
        crd.Spec.Names.Plural.Should().Be(DaprSharedInstance.Plural);
        crd.Spec.Names.Singular.Should().Be(DaprSharedInstance.Singular);
        crd.Spec.Names.ShortNames.Should().Equal(DaprSharedInstance.ShortName);
        Version.Name.Should().Be(DaprSharedInstance.Version);
        Version.Served.Should().BeTrue();
        Version.Storage.Should().BeTrue();
        Version.Subresources.Status.Should().NotBeNull();
    }

    [Fact]
    public void Crd_PrinterColumns_ShowAppIdStrategyReadyAge()
    {
        var columns = Version.AdditionalPrinterColumns.Where(c => (c.Priority ?? 0) == 0).Select(c => (c.Name, c.JsonPath));

        columns.Should().Equal(
            ("App-ID", ".spec.appId"),
            ("Strategy", ".status.strategy"),
            ("Ready", ".status.conditions[?(@.type==\"Ready\")].status"),
            ("Age", ".metadata.creationTimestamp"));
        Version.AdditionalPrinterColumns.Single(c => c.Name == "Age").Type.Should().Be("date");
    }

    [Fact]
    public void Crd_SpecProperties_MatchTheModelsJsonNames()
    {
        SpecSchema.Properties.Keys.Should().BeEquivalentTo(JsonNames(typeof(DaprSharedInstanceSpec)));
        SpecSchema.Required.Should().Equal("appId");
        Root.Required.Should().Equal("spec");
    }

    [Fact]
    public void Crd_SpecProperties_AreTheInstanceSettings()
    {
        SpecSchema.Properties.Keys.Should().BeEquivalentTo(InstanceSettings.All.Select(s => s.Field));
    }

    public static TheoryData<string> Settings => SettingExamples.Fields();

    [Theory]
    [MemberData(nameof(Settings))]
    public void Crd_EverySetting_PropertyOfItsKindWithItsRules(string field)
    {
        var setting = SettingExamples.Row(field);
        var value = setting.Value;

        var property = SpecSchema.Properties.Should().ContainKey(field, "every setting is a spec field of the CRD").WhoseValue;

        switch (value.Kind)
        {
            case SettingValueKind.Text:
                property.Type.Should().Be("string");
                property.Pattern.Should().Be(value.Pattern);
                property.MaxLength.Should().Be(value.MaxLength);
                property.MinLength.Should().Be(1);
                break;
            case SettingValueKind.Choice:
                property.Type.Should().Be("string");
                Enum(property).Should().Equal(value.Choices);
                break;
            case SettingValueKind.Integer:
                property.Type.Should().Be("integer");
                property.Format.Should().Be("int32");
                property.Minimum.Should().Be(value.Minimum);
                property.Maximum.Should().Be(value.Maximum);
                break;
            case SettingValueKind.Boolean:
                property.Type.Should().Be("boolean");
                break;
            default:
                throw new InvalidOperationException($"no CRD rule for {value.Kind}: teach this test");
        }

        if (setting.DaprdFlag is { } flag)
        {
            property.Description.Should().Contain(flag, "kubectl explain says which daprd flag a field sets");
        }
    }

    [Fact]
    public void Crd_StatusProperties_MatchTheModelsJsonNames()
    {
        StatusSchema.Properties.Keys.Should().BeEquivalentTo(JsonNames(typeof(DaprSharedInstanceStatus)));
        StatusSchema.Properties["endpoints"].Properties.Keys.Should().BeEquivalentTo(JsonNames(typeof(InstanceEndpoints)));
        var condition = StatusSchema.Properties["conditions"];
        ItemsOf(condition)!.Properties.Keys.Should().BeEquivalentTo(JsonNames(typeof(V1Condition)));
        condition.XKubernetesListType.Should().Be("map");
        condition.XKubernetesListMapKeys.Should().Equal("type");
    }

    [Fact]
    public void Crd_AppId_UsesTheContractRule()
    {
        var appId = SpecSchema.Properties["appId"];

        appId.Pattern.Should().Be(AppIdRules.Pattern);
        appId.MaxLength.Should().Be(AppIdRules.MaxLength);
        appId.MinLength.Should().Be(1);
        Root.XKubernetesValidations.Should().ContainSingle().Which.Rule.Should().Be("self.metadata.name == self.spec.appId");
    }

    [Fact]
    public void Crd_Enums_MatchTheAcceptedValues()
    {
        Enum(SpecSchema.Properties["strategy"]).Should().Equal(SharedStrategyNames.DaemonSet, SharedStrategyNames.Deployment);
        Enum(StatusSchema.Properties["strategy"]).Should().Equal(SharedStrategyNames.DaemonSet, SharedStrategyNames.Deployment);
        Enum(SpecSchema.Properties["appProtocol"]).Should().Equal(InstanceValues.AppProtocols);
        Enum(SpecSchema.Properties["logLevel"]).Should().Equal(InstanceValues.LogLevels);
    }

    [Fact]
    public void Crd_Ranges_MatchTheAcceptedValues()
    {
        var port = SpecSchema.Properties["appPort"];
        port.Type.Should().Be("integer");
        port.Minimum.Should().Be(InstanceValues.MinPort);
        port.Maximum.Should().Be(InstanceValues.MaxPort);

        var replicas = SpecSchema.Properties["replicas"];
        replicas.Type.Should().Be("integer");
        replicas.Minimum.Should().Be(InstanceValues.MinReplicas);
        replicas.Maximum.Should().Be(InstanceValues.MaxReplicas);

        SpecSchema.Properties["appChannelAddress"].Pattern.Should().Be(InstanceValues.AppChannelAddressPattern);
        SpecSchema.Properties["appChannelAddress"].MaxLength.Should().Be(InstanceValues.MaxAppChannelAddressLength);
        SpecSchema.Properties["config"].Pattern.Should().Be(InstanceValues.ConfigPattern);
        SpecSchema.Properties["config"].MaxLength.Should().Be(InstanceValues.MaxConfigLength);
    }

    [Theory]
    [InlineData("orders.shop.svc.cluster.local", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("[fd00::1]", true)]
    [InlineData("localhost", true)]
    [InlineData("http://orders", false)]
    [InlineData("orders/api", false)]
    [InlineData("orders shop", false)]
    [InlineData("-orders", false)]
    [InlineData("orders.shop.svc\n", false)] // a YAML block scalar's final newline: the API server refuses it
    public void Crd_AppChannelAddressPattern_AgreesWithTheResolver(string value, bool valid)
    {
        ApiServerPattern.IsMatch(SpecSchema.Properties["appChannelAddress"].Pattern, value).Should().Be(valid);
        InstanceValues.IsValidAppChannelAddress(value).Should().Be(valid);
    }

    [Fact]
    public void Crd_EveryPropertyHasAType()
    {
        foreach (var (path, schema) in Walk("", Root))
        {
            if (path is not ".metadata")
            {
                schema.Type.Should().NotBeNullOrEmpty($"structural schemas need a type at {path}");
            }
        }
    }

    private static IEnumerable<string> JsonNames(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
            .Where(n => n is not null)
            .Select(n => n!);

    /// <summary><c>items</c> is typed <c>object</c> in the model (it may be a schema or a list), so read it back as a schema.</summary>
    private static V1JSONSchemaProps? ItemsOf(V1JSONSchemaProps schema) =>
        schema.Items is null ? null : KubernetesJson.Deserialize<V1JSONSchemaProps>(KubernetesJson.Serialize(schema.Items));

    private static IEnumerable<string> Enum(V1JSONSchemaProps schema) => schema.EnumProperty.Select(v => v.ToString()!);

    private static IEnumerable<(string Path, V1JSONSchemaProps Schema)> Walk(string path, V1JSONSchemaProps schema)
    {
        yield return (path.Length == 0 ? "." : path, schema);
        foreach (var (name, child) in schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            foreach (var item in Walk(path + "." + name, child))
            {
                yield return item;
            }
        }

        if (ItemsOf(schema) is { } items)
        {
            foreach (var item in Walk(path + "[]", items))
            {
                yield return item;
            }
        }
    }
}
