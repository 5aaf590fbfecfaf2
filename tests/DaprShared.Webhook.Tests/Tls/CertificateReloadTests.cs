using System.Net;
using DaprShared.TestData;
using DaprShared.Webhook.Tests.Infrastructure;

namespace DaprShared.Webhook.Tests.Tls;

/// <summary>Certificate files mounted from a Secret are reloaded without a restart when the kubelet swaps the
/// <c>..data</c> symlink, and a bad update never replaces a good certificate.</summary>
public sealed class CertificateReloadTests : IAsyncLifetime
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);
    private const string FastPolling = "--Tls:ReloadInterval=00:00:00.100";

    private readonly TestCertificates certificates = TestCertificates.CreateAuthority();
    private readonly SecretVolume volume = new();
    private readonly PemPair first;
    private WebhookServer server = null!;

    public CertificateReloadTests()
    {
        first = certificates.IssueServing("first");
        volume.Write(first);
    }

    public async Task InitializeAsync() => server = await WebhookServer.StartWithFilesAsync(volume, FastPolling);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        volume.Dispose();
        certificates.Dispose();
    }

    [Fact]
    public async Task Reload_SymlinkSwappedToNewCertificate_NewOneServedWithinSeconds()
    {
        (await TlsProbe.HandshakeAsync(server.Port)).Sha256.Should().Be(first.Sha256);
        var second = certificates.IssueServing("second");

        volume.Write(second);

        (await TlsProbe.WaitForCertificateAsync(server.Port, second.Sha256, Soon)).Should().BeTrue("the swapped-in certificate must be served");
        using var client = server.CreateClient(certificates.Authority);
        using var response = await client.SendAsync(WebhookServer.Post("/mutate", Reviews.Wire("orders-deployment-pod.json")));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Logs.WithEventId(201).Should().Contain(e => e.Message.Contains(second.Sha256));
    }

    [Fact]
    public async Task Reload_CorruptCertificate_KeepsServingTheOldOneAndWarns()
    {
        volume.Write(first.Certificate[..(first.Certificate.Length / 2)], first.Key); // a partly written file

        await WaitForAsync(() => server.Logs.WithEventId(204).Any());
        (await TlsProbe.HandshakeAsync(server.Port)).Sha256.Should().Be(first.Sha256);

        var fixedPair = certificates.IssueServing("fixed");
        volume.Write(fixedPair);
        (await TlsProbe.WaitForCertificateAsync(server.Port, fixedPair.Sha256, Soon)).Should().BeTrue("a good update after a bad one is picked up");
    }

    [Fact]
    public async Task Reload_KeyFromAnotherCertificate_KeepsServingTheOldOne()
    {
        var other = certificates.IssueServing("other");

        volume.Write(other.Certificate, first.Key);

        await WaitForAsync(() => server.Logs.WithEventId(204).Any());
        server.Logs.WithEventId(204).First().Message.Should().Contain("does not match");
        (await TlsProbe.HandshakeAsync(server.Port)).Sha256.Should().Be(first.Sha256);
    }

    [Fact]
    public async Task Reload_FilesDisappear_KeepsServingTheOldOne()
    {
        File.Delete(Path.Combine(volume.Root, "..data"));

        await WaitForAsync(() => server.Logs.WithEventId(204).Any());
        server.Logs.WithEventId(204).First().Message.Should().Contain("cannot read");
        (await TlsProbe.HandshakeAsync(server.Port)).Sha256.Should().Be(first.Sha256);
    }

    [Fact]
    public async Task Reload_SameContentsRewritten_DoesNotReload()
    {
        volume.Write(first);
        await Task.Delay(600); // several polls

        server.Logs.WithEventId(201).Should().ContainSingle("unchanged contents are not a new certificate");
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Soon;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within {0}", Soon);
            await Task.Delay(50);
        }
    }
}
