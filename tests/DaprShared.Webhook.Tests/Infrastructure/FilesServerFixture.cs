namespace DaprShared.Webhook.Tests.Infrastructure;

/// <summary>One real server per test class, serving a test CA's certificate from a Secret-volume layout, and a
/// client that trusts only that CA.</summary>
public class FilesServerFixture : IAsyncLifetime
{
    private SecretVolume? volume;
    private TestCertificates? certificates;
    private WebhookServer? server;

    internal WebhookServer Server => server ?? throw new InvalidOperationException("not started");

    internal TestCertificates Certificates => certificates ?? throw new InvalidOperationException("not started");

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Arguments added to the server's command line.</summary>
    protected virtual string[] ExtraArguments => [];

    public async Task InitializeAsync()
    {
        certificates = TestCertificates.CreateAuthority();
        volume = new SecretVolume();
        volume.Write(certificates.IssueServing());
        server = await WebhookServer.StartWithFilesAsync(volume, ExtraArguments);
        Client = server.CreateClient(certificates.Authority);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        volume?.Dispose();
        certificates?.Dispose();
    }
}
