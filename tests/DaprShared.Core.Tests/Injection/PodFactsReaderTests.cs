using System.Text;
using System.Text.Json;
using DaprShared.Core.Admission;
using DaprShared.Core.Contract;
using DaprShared.Core.Injection;
using DaprShared.TestData;

namespace DaprShared.Core.Tests.Injection;

/// <summary>The webhook takes a pod's facts inside its scan of the whole review; the CLI takes them from a pod
/// template's <see cref="JsonElement"/>. Both routes must see what <see cref="PodFactsOracle"/>, an independent
/// reading of the parsed document, sees: over every captured review, the generated pods of the idempotency
/// property, and generated pod text with duplicate members, escapes and values of the wrong kind.</summary>
public sealed class PodFactsReaderTests
{
    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 300).Select(seed => new object[] { seed });

    [Theory]
    [MemberData(nameof(Reviews.AllFixtureNames), MemberType = typeof(Reviews))]
    public void Read_CapturedReview_SameFactsAsOracle(string fileName)
    {
        var body = Encoding.UTF8.GetBytes(TestDataPaths.ReadAdmission(fileName));

        ShouldReadAsOracle(body, fileName);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Read_GeneratedPod_SameFactsAsOracle(int seed)
    {
        var review = Reviews.Load(Reviews.Orders);
        review["request"]!["object"] = IdempotencyPropertyTests.GeneratePod(new Random(seed));

        ShouldReadAsOracle(Reviews.Wire(review), $"seed {seed}");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Read_GeneratedPodText_SameFactsAsOracle(int seed)
    {
        var pod = PodTextGenerator.Generate(new Random(seed));
        var review = Reviews.Load(Reviews.Orders);
        review["request"]!["object"] = PodPlaceholder;
        var body = Encoding.UTF8.GetBytes(review.ToJsonString().Replace($"\"{PodPlaceholder}\"", pod, StringComparison.Ordinal));

        ShouldReadAsOracle(body, $"seed {seed}, pod {pod}");
    }

    [Fact]
    public void Read_DuplicateMembers_LastOneWinsLikeJsonElement()
    {
        const string pod = """
            {"metadata":{"annotations":{"dapr-shared.io/app-id":"first","dapr-shared.io/app-id":"second"},
             "labels":{"dapr-shared.io/app-id":"x"},"labels":{"dapr-shared.io/app-id":{"a":[1, 2]}}},
             "spec":{"containers":[{"name":"a","env":[{"name":"DAPR_API_TOKEN","value":"v"},{"name":"DAPR_API_TOKEN","value":"w"}],
             "name":"b"}]}}
            """;

        var facts = FromPodText(pod);

        facts.Annotation(DaprSharedKeys.AppId).Should().Be("second");
        facts.AppIdLabel.IsString.Should().BeFalse();
        facts.AppIdLabel.GetRawText(facts.Source).Should().Be("""{"a":[1, 2]}""");
        var container = facts.Containers.Items.Should().ContainSingle().Subject!;
        container.Name.GetString(facts.Source).Should().Be("b");
        container.Existing(EnvNames.ApiToken)!.Value.GetString(facts.Source).Should().Be("v", "the first entry of a name counts");
    }

    [Fact]
    public void Read_EscapedKeysAndValues_ComparedUnescaped()
    {
        const string pod = """{"metadata":{"annotations":{"dapr-shared.io\/enabled":"tr\u0075e"}},"spec":{"containers":[{"name":"d\u0061prd"}]}}""";

        var facts = FromPodText(pod);

        facts.Annotation(DaprSharedKeys.Enabled).Should().Be("true");
        facts.Containers.Items[0]!.Name.StringEquals(facts.Source, "daprd").Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1"} {}""")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1",}""")]
    [InlineData("""{"request":{"object":{"spec":{"containers":[{"env":[{"name":"DAPR_API_TOKEN","value":tru}]}]}}}}""")]
    public void Handle_MalformedAnywhereInBody_BadRequest(string body)
    {
        var result = AdmissionReviewHandler.Handle(Encoding.UTF8.GetBytes(body), false, new ClusterSettings(), new System.Buffers.ArrayBufferWriter<byte>());

        result.Error.Should().Contain("not valid JSON");
    }

    [Fact]
    public void Handle_DeeperThan64_BadRequest()
    {
        var review = Reviews.Load(Reviews.Orders);
        var body = Reviews.Wire(review);
        var deep = new string('[', 70) + new string(']', 70);
        var text = Encoding.UTF8.GetString(body).Replace("\"spec\":{", $"\"deep\":{deep},\"spec\":{{", StringComparison.Ordinal);

        var result = AdmissionReviewHandler.Handle(Encoding.UTF8.GetBytes(text), false, new ClusterSettings(), new System.Buffers.ArrayBufferWriter<byte>());

        result.Error.Should().Contain("not valid JSON").And.Contain("depth");
    }

    private const string PodPlaceholder = "generated pod";

    /// <summary>The webhook's route and the CLI's route both read what the oracle reads from the parsed review.</summary>
    private static void ShouldReadAsOracle(byte[] body, string because)
    {
        using var document = JsonDocument.Parse(body);
        var pod = document.RootElement.GetProperty("request").GetProperty("object");
        var expected = PodFactsOracle.Describe(pod);

        Describe(FromReview(body)).Should().Be(expected, $"the webhook's scan must read the facts of {because}");
        Describe(PodFactsReader.FromElement(pod)).Should().Be(expected, $"the CLI's route must read the facts of {because}");
    }

    private static PodFacts FromReview(byte[] body) =>
        AdmissionRequestReader.Read(body).Object ?? throw new InvalidOperationException("the review has no pod");

    private static PodFacts FromPodText(string pod)
    {
        using var document = JsonDocument.Parse(pod);
        return PodFactsReader.FromElement(document.RootElement);
    }

    /// <summary>Every fact, materialised, in the text form the oracle writes.</summary>
    private static string Describe(PodFacts facts)
    {
        var text = new FactsText().Metadata(
            facts.HasMetadata, facts.LabelsIsObject, facts.AnnotationsIsObject, Show(facts, facts.AppIdLabel), Show(facts, facts.MetadataNamespace));
        foreach (var key in PodFacts.AnnotationKeys)
        {
            text.Annotation(key, Show(facts, facts.AnnotationValue(key)));
        }

        foreach (var (listName, list) in new[] { ("containers", facts.Containers), ("initContainers", facts.InitContainers) })
        {
            text.List(listName, list.IsArray, list.Items.Count);
            foreach (var container in list.Items)
            {
                if (container is null)
                {
                    text.NotAnObject();
                    continue;
                }

                text.Container(Show(facts, container.Name), container.EnvIsArray);
                foreach (var name in ContainerFacts.InjectedNames)
                {
                    if (container.Existing(name) is { } entry)
                    {
                        text.Env(name, Show(facts, entry.Value), entry.ValueFrom.ToString(), Show(facts, entry.SecretName), Show(facts, entry.SecretKey));
                    }
                }
            }
        }

        return text.ToString();
    }

    private static string Show(PodFacts facts, JsonSlice slice) =>
        slice.IsPresent ? $"{slice.Token}:{slice.GetRawText(facts.Source)}" : "-";
}
