using System.Text.Json;
using DaprShared.Core.Manifests;

namespace DaprShared.Core.Tests.Manifests;

public sealed class YamlScalarResolverTests
{
    [Theory]
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("yes", "true")]
    [InlineData("on", "true")]
    [InlineData("y", "true")]
    [InlineData("false", "false")]
    [InlineData("NO", "false")]
    [InlineData("off", "false")]
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("", "null")]
    [InlineData("8080", "8080")]
    [InlineData("-12", "-12")]
    [InlineData("+7", "7")]
    [InlineData("0644", "420")]
    [InlineData("0o17", "15")]
    [InlineData("0x1F", "31")]
    [InlineData("0b101", "5")]
    [InlineData("1_000", "1000")]
    [InlineData("1.5", "1.5")]
    [InlineData("1e3", "1000")]
    [InlineData("08", "8")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    public void Resolve_KubernetesPlainScalar_HasKubernetesType(string text, string expectedJson)
    {
        var node = YamlScalarResolver.Resolve(text, out var keepText);

        (node?.ToJsonString() ?? "null").Should().Be(expectedJson);
        keepText.Should().BeTrue("a non-string plain scalar is written back as it was spelled");
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("dapr-shared.io/app-id")]
    [InlineData("1.2.3")]
    [InlineData("--app-port")]
    [InlineData("0x")]
    [InlineData("http://orders-dapr:3500")]
    public void Resolve_OtherPlainScalar_IsString(string text)
    {
        var node = YamlScalarResolver.Resolve(text, out var keepText);

        node!.GetValueKind().Should().Be(JsonValueKind.String);
        node.GetValue<string>().Should().Be(text);
        keepText.Should().BeFalse();
    }

    [Theory]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData(".nan")]
    [InlineData("2024-01-02")]
    [InlineData("2001-12-14t21:59:43.10-05:00")]
    public void Resolve_ValueJsonCannotHold_IsStringKeptVerbatim(string text)
    {
        var node = YamlScalarResolver.Resolve(text, out var keepText);

        node!.GetValue<string>().Should().Be(text);
        keepText.Should().BeTrue();
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("yes")]
    [InlineData("n")]
    [InlineData("off")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("8080")]
    [InlineData("0644")]
    [InlineData("1.2.3")]
    [InlineData("-1")]
    [InlineData(".5")]
    [InlineData("+.inf")]
    [InlineData(".NaN")]
    [InlineData("2024-01-02")]
    [InlineData("1e3")]
    [InlineData("<<")]
    public void ResolvesToNonString_AmbiguousText_IsTrue(string text) =>
        YamlScalarResolver.ResolvesToNonString(text).Should().BeTrue();

    [Theory]
    [InlineData("orders")]
    [InlineData("dapr-shared.io/enabled")]
    [InlineData("--app-port")]
    [InlineData("truex")]
    [InlineData("v1")]
    public void ResolvesToNonString_OrdinaryText_IsFalse(string text) =>
        YamlScalarResolver.ResolvesToNonString(text).Should().BeFalse();
}
