using DaprShared.Webhook.Hosting;

namespace DaprShared.Webhook.Tests.Hosting;

public sealed class ServeArgumentsTests
{
    [Fact]
    public void Parse_ServeVerbIsOptional_SameArguments()
    {
        var withVerb = ServeArguments.Parse(["serve", "--urls", "https://127.0.0.1:1"]);
        var without = ServeArguments.Parse(["--urls", "https://127.0.0.1:1"]);

        withVerb.Error.Should().BeNull();
        withVerb.ConfigurationArgs.Should().Equal(without.ConfigurationArgs).And.Equal("--urls", "https://127.0.0.1:1");
    }

    [Fact]
    public void Parse_BareBenchmarkFlag_MeansTrue()
    {
        ServeArguments.Parse(["--benchmark-noop", "--urls", "u"]).ConfigurationArgs.Should().Equal("--benchmark-noop=true", "--urls", "u");
    }

    [Fact]
    public void Parse_EqualsForm_PassedThrough()
    {
        ServeArguments.Parse(["--urls=https://0.0.0.0:8443", "--Injector:ClusterDomain=example.org"]).ConfigurationArgs
            .Should().Equal("--urls=https://0.0.0.0:8443", "--Injector:ClusterDomain=example.org");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Parse_Help_RequestsUsage(string arg)
    {
        ServeArguments.Parse([arg]).HelpRequested.Should().BeTrue();
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "unknown verb \"frobnicate\"")]
    [InlineData(new[] { "--tls-cert-file" }, "option --tls-cert-file needs a value")]
    [InlineData(new[] { "--tls-cert-file", "--tls-key-file", "k" }, "option --tls-cert-file needs a value")]
    [InlineData(new[] { "--urls", "u", "stray" }, "unexpected argument \"stray\"")]
    [InlineData(new[] { "-x" }, "unexpected argument \"-x\"")]
    [InlineData(new[] { "serve", "--" }, "unexpected argument \"--\"")]
    public void Parse_BadCommandLine_SaysWhatIsWrong(string[] args, string error)
    {
        ServeArguments.Parse(args).Error.Should().Contain(error);
    }

    [Fact]
    public void Usage_MentionsEveryMappedSwitch()
    {
        foreach (var option in ServeArguments.SwitchMappings.Keys)
        {
            ServeArguments.Usage.Should().Contain(option);
        }
    }
}
