using System.Reflection;
using System.Text.Json.Serialization;
using DaprShared.Core.Contract;
using DaprShared.Core.Injection;
using DaprShared.Core.Instances;
using DaprShared.Core.Tests.Support;
using DaprShared.TestData;

namespace DaprShared.Core.Tests.Instances;

/// <summary>Every row of <see cref="InstanceSettings"/> through every place that handles a setting: pod annotation
/// reader, admission warnings, spec resolver, pod/instance comparer and daprd arguments. A new row is covered here
/// without touching these tests; the CRD and the docs are held to the rows by CrdManifestTests and
/// InstanceSettingsDocsTests.</summary>
public sealed class InstanceSettingsTests
{
    private static readonly ClusterSettings Cluster = InstanceFixtures.Cluster();

    public static TheoryData<string> All => SettingExamples.Fields();

    public static TheoryData<string> AllButAppId => SettingExamples.Fields(s => s != InstanceSettings.AppId);

    /// <summary>An invalid app-id or strategy decides whether the pod is injected at all (reasons invalid_app_id,
    /// invalid_strategy); every other setting only changes the instance, so the pod is injected with a warning.</summary>
    public static TheoryData<string> InstanceOnly => SettingExamples.Fields(s => s != InstanceSettings.AppId && s != InstanceSettings.Strategy);

    public static TheoryData<string> WithDaprdFlag => SettingExamples.Fields(s => s.DaprdFlag is not null);

    /// <summary>Settings whose spec value can be invalid (a number or boolean is one by its JSON type).</summary>
    public static TheoryData<string> Textual => SettingExamples.Fields(s => s.Value.Kind is SettingValueKind.Text or SettingValueKind.Choice);

    [Fact]
    public void Table_AnnotationsFieldsAndFlags_AreEachUsedOnce()
    {
        InstanceSettings.All.Select(s => s.Annotation).Should().OnlyHaveUniqueItems();
        InstanceSettings.All.Select(s => s.Field).Should().OnlyHaveUniqueItems();
        InstanceSettings.All.Where(s => s.DaprdFlag is not null).Select(s => s.DaprdFlag).Should().OnlyHaveUniqueItems();
        InstanceSettings.All.Should().OnlyContain(s => s.Annotation.StartsWith(DaprSharedKeys.AnnotationPrefix, StringComparison.Ordinal));
        InstanceSettings.DaprdOptions.Should().OnlyContain(s => s.DaprdFlag != null, "an option is nothing but its daprd flag");
    }

    [Fact]
    public void Table_Fields_AreTheSpecModelsJsonProperties()
    {
        var modelNames = typeof(DaprSharedInstanceSpec).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
            .Where(n => n is not null);

        modelNames.Should().BeEquivalentTo(InstanceSettings.All.Select(s => s.Field));
    }

    [Fact]
    public void PodScanner_ReadsEveryAnnotationAndFallback()
    {
        PodFacts.AnnotationKeys.Should().Contain(InstanceSettings.AnnotationKeys);
        InstanceSettings.AnnotationKeys.Should().Contain(DaprSharedKeys.DaprAppId);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Value_ValidValues_ParseAsWrittenAndRoundTripThroughTheSpec(string field)
    {
        var setting = SettingExamples.Row(field);
        var (one, other) = SettingExamples.Valid(setting);

        foreach (var value in new[] { one, other })
        {
            setting.Value.TryParseAnnotation(value, out var parsed).Should().BeTrue(value);
            parsed.Should().Be(value);
            setting.Value.IsValid(value).Should().BeTrue(value);
            var spec = new DaprSharedInstanceSpec();
            setting.Value.Write(spec, value);
            setting.Value.Read(spec).Should().Be(value);
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Value_Annotation_FoldedForChoicesAndBooleansOnly(string field)
    {
        var setting = SettingExamples.Row(field);
        var (one, _) = SettingExamples.Valid(setting);
        var upper = one.ToUpperInvariant();
        if (upper == one)
        {
            return; // a number: nothing to fold
        }

        var folds = setting.Value.Kind is SettingValueKind.Choice or SettingValueKind.Boolean;
        if (folds)
        {
            setting.Value.TryParseAnnotation(upper, out var parsed).Should().BeTrue();
            parsed.Should().Be(one);
            setting.Value.IsValid(upper).Should().BeFalse("the CRD's enum is lowercase");
        }
        else if (setting.Value.TryParseAnnotation(upper, out var asWritten))
        {
            asWritten.Should().Be(upper, "a text is taken as written");
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Value_InvalidValue_IsRefused(string field)
    {
        var setting = SettingExamples.Row(field);

        setting.Value.TryParseAnnotation(SettingExamples.Invalid(setting), out _).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(AllButAppId))]
    public void Read_ValidAnnotation_GoesIntoTheSpec(string field)
    {
        var setting = SettingExamples.Row(field);
        var (one, _) = SettingExamples.Valid(setting);

        var reading = PodAnnotationReader.Read(Pod((setting.Annotation, one)), Cluster);

        reading.Problems.Should().BeEmpty();
        setting.Value.Read(reading.Spec!).Should().Be(one);
    }

    [Theory]
    [MemberData(nameof(AllButAppId))]
    public void Read_InvalidAnnotation_IsLeftOutAndListedInTheRowsWords(string field)
    {
        var setting = SettingExamples.Row(field);
        var invalid = SettingExamples.Invalid(setting);

        var reading = PodAnnotationReader.Read(Pod((setting.Annotation, invalid)), Cluster);

        var problem = reading.Problems.Should().ContainSingle().Subject;
        problem.Field.Should().Be(setting.Annotation);
        problem.Fatal.Should().BeFalse();
        problem.Message.Should().Contain($"'{invalid}'").And.Contain(setting.Invalid);
        if (setting == InstanceSettings.Strategy)
        {
            reading.Spec!.Strategy.Should().Be(Cluster.DefaultStrategy.ToValue());
        }
        else
        {
            setting.Value.Read(reading.Spec!).Should().BeNull();
        }
    }

    [Theory]
    [MemberData(nameof(InstanceOnly))]
    public void Admission_InvalidAnnotation_InjectedWithAWarningNamingTheKey(string field)
    {
        var setting = SettingExamples.Row(field);
        var review = Reviews.Load(Reviews.Orders);
        Reviews.Annotations(review)[setting.Annotation] = SettingExamples.Invalid(setting);

        var handled = ReviewHandler.Handle(review);

        handled.Reason.Should().Be(ReasonCodes.Injected);
        handled.Warnings.Should().ContainSingle().Which.Should().StartWith($"dapr-shared: {ReasonCodes.InvalidAnnotation}: {setting.Annotation}: ");
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Resolve_ValidSpecValue_NoProblems(string field)
    {
        var setting = SettingExamples.Row(field);
        var (one, _) = SettingExamples.Valid(setting);
        var spec = Spec(setting, one);

        var resolution = InstanceSpecResolver.Resolve("shop", spec, Cluster);

        resolution.Problems.Should().BeEmpty();
        if (setting.IsDaprdOption)
        {
            resolution.Spec!.Options.Should().Contain(setting, one);
        }
    }

    [Theory]
    [MemberData(nameof(Textual))]
    public void Resolve_InvalidSpecValue_IsAProblemAtItsSpecPathInTheRowsWords(string field)
    {
        var setting = SettingExamples.Row(field);
        var spec = Spec(setting, "Not Valid!");

        var resolution = InstanceSpecResolver.Resolve("shop", spec, Cluster);

        resolution.Problems.Should().ContainSingle(p => p.Field == setting.SpecPath)
            .Which.Message.Should().Contain(setting.Invalid);
        if (setting.IsDaprdOption && setting.Default is { } fallback)
        {
            resolution.Spec!.Options.Should().Contain(setting, fallback);
        }
    }

    [Theory]
    [MemberData(nameof(AllButAppId))]
    public void Compare_PodAsksForAnotherValue_OneDisagreementNamingTheKey(string field)
    {
        var setting = SettingExamples.Row(field);
        var (one, other) = SettingExamples.Valid(setting);
        var instance = Instance(setting, one);

        InstanceSpecComparer.Disagreements(Pod((setting.Annotation, one)), instance, Cluster).Should().BeEmpty();
        InstanceSpecComparer.Disagreements(Pod((setting.Annotation, other)), instance, Cluster)
            .Should().ContainSingle().Which.Should().Contain(setting.Annotation).And.Contain(other);
    }

    [Theory]
    [MemberData(nameof(InstanceOnly))]
    public void Compare_InvalidPodValue_ReportedAsInvalid(string field)
    {
        var setting = SettingExamples.Row(field);
        var (one, _) = SettingExamples.Valid(setting);

        var disagreements = InstanceSpecComparer.Disagreements(Pod((setting.Annotation, SettingExamples.Invalid(setting))), Instance(setting, one), Cluster);

        disagreements.Should().ContainSingle().Which.Should().StartWith(setting.Annotation + ":").And.Contain("invalid");
    }

    [Theory]
    [MemberData(nameof(WithDaprdFlag))]
    public void Args_SettingSet_CarriesItsDaprdFlag(string field)
    {
        var setting = SettingExamples.Row(field);
        var (one, _) = SettingExamples.Valid(setting);

        // Every cluster-wide default off, so what shows comes from the instance.
        var args = InstanceFixtures.Daprd(InstanceFixtures.Build(Instance(setting, one), Cluster, new ControllerSettings { LogAsJson = false })).Args;

        args.Should().Contain(setting.DaprdArgument(one)!);
    }

    public static TheoryData<string> WithConfiguredDefault => SettingExamples.Fields(s => s.ConfiguredDefault is not null);

    [Theory]
    [MemberData(nameof(WithConfiguredDefault))]
    public void Args_SettingUnset_TakesTheConfiguredDefault_SetOverridesIt(string field)
    {
        var setting = SettingExamples.Row(field);
        var (one, other) = SettingExamples.Valid(setting);
        var unset = InstanceFixtures.Instance("orders");

        foreach (var controller in new[] { new ControllerSettings(), InstanceFixtures.CustomController() })
        {
            FlagIn(unset, controller).Should().Be(setting.DaprdArgument(setting.ConfiguredDefault!(controller)), "unset: the cluster-wide default");
            foreach (var value in new[] { one, other })
            {
                FlagIn(Instance(setting, value), controller).Should().Be(setting.DaprdArgument(value), "set: the instance's own value");
            }
        }

        string? FlagIn(DaprSharedInstance instance, ControllerSettings controller) =>
            InstanceFixtures.Daprd(InstanceFixtures.Build(instance, Cluster, controller)).Args
                .SingleOrDefault(a => a == setting.DaprdFlag || a.StartsWith(setting.DaprdFlag + "=", StringComparison.Ordinal));
    }

    /// <summary>A deployment instance with an app port (so every setting applies), <paramref name="setting"/> set.</summary>
    private static DaprSharedInstanceSpec Spec(InstanceSetting setting, string value)
    {
        var spec = new DaprSharedInstanceSpec { AppId = "orders", Strategy = SharedStrategyNames.Deployment, AppPort = 8080 };
        setting.Value.Write(spec, value);
        return spec;
    }

    private static DaprSharedInstance Instance(InstanceSetting setting, string value)
    {
        var spec = Spec(setting, value);
        return InstanceFixtures.Instance(spec.AppId, s =>
        {
            foreach (var each in InstanceSettings.All)
            {
                if (each.Value.Read(spec) is { } set)
                {
                    each.Value.Write(s, set);
                }
            }
        });
    }

    /// <summary>The annotations of an opted-in pod for app-id orders, deployment strategy and app port 8080, plus
    /// <paramref name="pairs"/> (which win).</summary>
    private static Dictionary<string, string> Pod(params (string Key, string Value)[] pairs)
    {
        var result = new Dictionary<string, string>
        {
            [DaprSharedKeys.Enabled] = "true",
            [DaprSharedKeys.AppId] = "orders",
            [DaprSharedKeys.Strategy] = SharedStrategyNames.Deployment,
            [DaprSharedKeys.AppPort] = "8080",
        };
        foreach (var (key, value) in pairs)
        {
            result[key] = value;
        }

        return result;
    }
}
