using DaprShared.Webhook.Tests.Infrastructure;

namespace DaprShared.Webhook.Tests.Tls;

/// <summary>Plain files rewritten in place are reloaded by content, even when the modification time is unchanged.</summary>
public sealed class InPlaceFileReloadTests
{
    [Fact]
    public async Task Reload_FileRewrittenWithSameModificationTime_IsReloadedByContent()
    {
        using var certificates = TestCertificates.CreateAuthority();
        var directory = Directory.CreateTempSubdirectory("dapr-shared-plain-").FullName;
        try
        {
            var certFile = Path.Combine(directory, "tls.crt");
            var keyFile = Path.Combine(directory, "tls.key");
            var first = certificates.IssueServing("first");
            await File.WriteAllTextAsync(certFile, first.Certificate);
            await File.WriteAllTextAsync(keyFile, first.Key);
            var stamp = File.GetLastWriteTimeUtc(certFile);
            await using var server = await WebhookServer.StartAsync(
                ["--tls-cert-file", certFile, "--tls-key-file", keyFile, "--Tls:ReloadInterval=00:00:00.100"]);

            var second = certificates.IssueServing("second");
            await File.WriteAllTextAsync(keyFile, second.Key);
            await File.WriteAllTextAsync(certFile, second.Certificate);
            File.SetLastWriteTimeUtc(certFile, stamp);
            File.SetLastWriteTimeUtc(keyFile, stamp);

            (await TlsProbe.WaitForCertificateAsync(server.Port, second.Sha256, TimeSpan.FromSeconds(5))).Should().BeTrue();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
