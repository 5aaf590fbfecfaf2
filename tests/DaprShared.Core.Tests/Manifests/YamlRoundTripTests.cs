using System.Text;
using System.Text.Json.Nodes;
using DaprShared.Core.Manifests;

namespace DaprShared.Core.Tests.Manifests;

public sealed class YamlRoundTripTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("8080")]
    [InlineData("yes")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("a: b")]
    [InlineData("a #b")]
    [InlineData("- item")]
    [InlineData("---")]
    [InlineData("*alias")]
    [InlineData("&anchor")]
    [InlineData("!tag")]
    [InlineData("{a}")]
    [InlineData("'quoted'")]
    [InlineData("\"dq\"")]
    [InlineData("line1\nline2")]
    [InlineData("line1\nline2\n")]
    [InlineData("line1\n\n\n")]
    [InlineData("  indented\nnext")]
    [InlineData("tab\there")]
    [InlineData("cr\r\nlf")]
    [InlineData("nel\u0085ls\u2028ps\u2029")]
    [InlineData("bell\u0007")]
    [InlineData("bom\uFEFF")]
    [InlineData("emoji 😀 é")]
    [InlineData("back\\slash")]
    [InlineData("ends with colon:")]
    public void Write_String_ReadsBackAsTheSameString(string value)
    {
        var document = new JsonObject { ["key"] = value, [value] = "as key" };

        var yaml = YamlJson.Write(document);
        var read = YamlJson.Parse(yaml).Single()!.AsObject();

        read["key"]!.GetValue<string>().Should().Be(value, $"written as:\n{yaml}");
        read[value]!.GetValue<string>().Should().Be("as key");
    }

    [Fact]
    public void Write_RandomStrings_ReadBackUnchanged()
    {
        // Characters that stress every quoting rule: indicators, spaces, breaks, digits, dots, hashes.
        const string Alphabet = "ab 1.-:#'\"\n\t\\|>&*!?%@`{}[],~yYnN0x";
        var random = new Random(20261126);
        for (var i = 0; i < 3000; i++)
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 12);
            for (var j = 0; j < length; j++)
            {
                builder.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            var value = builder.ToString();
            var document = new JsonObject
            {
                ["list"] = new JsonArray(value, new JsonObject { ["k"] = value }),
                ["nested"] = new JsonObject { ["v"] = value },
            };

            var yaml = YamlJson.Write(document);
            var read = YamlJson.Parse(yaml).Single();

            JsonNode.DeepEquals(read, document).Should().BeTrue($"{JsonEscaped(value)} must survive; written as:\n{yaml}");
        }
    }

    [Fact]
    public void Write_KubernetesShapes_UsesKubectlLayout()
    {
        var pod = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","annotations":{"dapr-shared.io/enabled":"true","port":"8080"}},
             "spec":{"containers":[{"name":"app","ports":[{"containerPort":8080}],"env":[],"args":["--x","a\nb\n"]}],"hostNetwork":false,"nodeSelector":{}}}
            """);

        YamlJson.Write(pod).Should().Be("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              annotations:
                dapr-shared.io/enabled: "true"
                port: "8080"
            spec:
              containers:
              - name: app
                ports:
                - containerPort: 8080
                env: []
                args:
                - --x
                - |
                  a
                  b
              hostNetwork: false
              nodeSelector: {}

            """.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Write_NestedSequencesAndNulls_ReadBackUnchanged()
    {
        var document = JsonNode.Parse("""{"a":[[1,[2,3]],[],{},null,[{"b":[{"c":null}]}]],"e":1.5,"f":-3,"g":true}""");

        var read = YamlJson.Parse(YamlJson.Write(document)).Single();

        JsonNode.DeepEquals(read, document).Should().BeTrue();
    }

    [Fact]
    public void Write_VeryLongKey_UsesExplicitKeyAndReadsBack()
    {
        var key = new string('k', 1500);
        var document = new JsonObject { [key] = "v" };

        var read = YamlJson.Parse(YamlJson.Write(document)).Single()!.AsObject();

        read[key]!.GetValue<string>().Should().Be("v");
    }

    private static string JsonEscaped(string value) => JsonValue.Create(value).ToJsonString();
}
