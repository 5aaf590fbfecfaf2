using DaprShared.Webhook.Tls;

namespace DaprShared.Webhook.Tests.Tls;

public sealed class TlsModeResolverTests
{
    [Theory]
    [InlineData(TlsMode.Auto, true, false, TlsMode.Files)]
    [InlineData(TlsMode.Auto, true, true, TlsMode.Files)]
    [InlineData(TlsMode.Auto, false, true, TlsMode.SelfManaged)]
    [InlineData(TlsMode.Auto, false, false, TlsMode.SelfSigned)]
    [InlineData(TlsMode.Files, true, true, TlsMode.Files)]
    [InlineData(TlsMode.SelfSigned, false, true, TlsMode.SelfSigned)]
    [InlineData(TlsMode.SelfManaged, false, false, TlsMode.SelfManaged)]
    public void Resolve_ConfiguredModeFilesAndCluster_PicksMode(TlsMode configured, bool files, bool inCluster, TlsMode expected)
    {
        var selection = TlsModeResolver.Resolve(configured, files, inCluster);

        selection.Mode.Should().Be(expected);
        selection.Reason.Should().NotBeNullOrWhiteSpace();
    }
}
