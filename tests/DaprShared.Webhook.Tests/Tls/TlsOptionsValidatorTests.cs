using DaprShared.Webhook.Tls;

namespace DaprShared.Webhook.Tests.Tls;

public sealed class TlsOptionsValidatorTests
{
    private readonly TlsOptionsValidator validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        validator.Validate(null, new TlsOptions()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_BothFiles_Succeed()
    {
        validator.Validate(null, new TlsOptions { CertFile = "a", KeyFile = "b" }).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(TlsMode.Auto, "a", null, "must be given together")]
    [InlineData(TlsMode.Auto, null, "b", "must be given together")]
    [InlineData(TlsMode.Files, null, null, "Tls:Mode is Files")]
    [InlineData(TlsMode.SelfSigned, "a", "b", "ignores --tls-cert-file")]
    [InlineData(TlsMode.SelfManaged, "a", "b", "ignores --tls-cert-file")]
    [InlineData((TlsMode)42, null, null, "Tls:Mode must be one of")]
    public void Validate_Inconsistent_FailsWithMessage(TlsMode mode, string? certFile, string? keyFile, string message)
    {
        var result = validator.Validate(null, new TlsOptions { Mode = mode, CertFile = certFile, KeyFile = keyFile });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(7_200_000)]
    public void Validate_ReloadIntervalOutOfRange_Fails(int milliseconds)
    {
        var result = validator.Validate(null, new TlsOptions { ReloadInterval = TimeSpan.FromMilliseconds(milliseconds) });

        result.FailureMessage.Should().Contain("Tls:ReloadInterval");
    }
}
