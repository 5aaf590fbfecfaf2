using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;

namespace DaprShared.Kubernetes.Api;

/// <summary>The HTTP stack to the API server from a <see cref="KubernetesClientConfiguration"/> (kubeconfig or
/// in-cluster): server certificate checked against the configured CA (or not at all when the kubeconfig says
/// insecure-skip-tls-verify), TLS server name, client certificate, and credentials (bearer token, a token provider
/// such as the refreshed in-cluster token file or an exec plugin, or basic auth) added to every request.</summary>
internal static class ApiHttpHandler
{
    public static HttpMessageHandler Create(KubernetesClientConfiguration configuration, IReadOnlyList<DelegatingHandler> handlers)
    {
        var sockets = new SocketsHttpHandler
        {
            // Watches are long-lived; pooled connections are recycled so a moved API server endpoint is noticed.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
        };
        sockets.SslOptions.RemoteCertificateValidationCallback = ServerCertificateValidator(configuration);

        if (ClientCertificate(configuration) is { } certificate)
        {
            sockets.SslOptions.ClientCertificates = [certificate];
        }

        HttpMessageHandler inner = new CredentialsHandler(configuration) { InnerHandler = sockets };
        for (var i = handlers.Count - 1; i >= 0; i--)
        {
            handlers[i].InnerHandler = inner;
            inner = handlers[i];
        }

        return inner;
    }

    private static RemoteCertificateValidationCallback ServerCertificateValidator(KubernetesClientConfiguration configuration)
    {
        if (configuration.SkipTlsVerify)
        {
            return (_, _, _, _) => true;
        }

        var authorities = configuration.SslCaCerts;
        if (authorities is null || authorities.Count == 0)
        {
            return (_, _, _, errors) => errors == SslPolicyErrors.None;
        }

        // The cluster's own CA, and only it: the system trust store plays no part, as with kubectl.
        return (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
            using var presented = new X509Certificate2(certificate);
            return chain.Build(presented);
        };
    }

    private static X509Certificate2? ClientCertificate(KubernetesClientConfiguration configuration)
    {
        var certificate = Pem(configuration.ClientCertificateData, configuration.ClientCertificateFilePath);
        var key = Pem(configuration.ClientCertificateKeyData, configuration.ClientKeyFilePath);
        return certificate is null || key is null ? null : X509Certificate2.CreateFromPem(certificate, key);
    }

    // Kubeconfig "-data" fields are base64 of the PEM text; the file fields name a PEM file.
    private static string? Pem(string? base64, string? path) =>
        !string.IsNullOrWhiteSpace(base64) ? Encoding.UTF8.GetString(Convert.FromBase64String(base64))
        : !string.IsNullOrWhiteSpace(path) ? File.ReadAllText(path)
        : null;

    private sealed class CredentialsHandler(KubernetesClientConfiguration configuration) : DelegatingHandler
    {
        private readonly AuthenticationHeaderValue? basic = string.IsNullOrEmpty(configuration.Username)
            ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{configuration.Username}:{configuration.Password}")));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // SocketsHttpHandler takes the TLS server name (SNI and certificate check) from the Host header and
            // ignores SslOptions.TargetHost: kubeconfig's tls-server-name has to go there.
            if (!string.IsNullOrWhiteSpace(configuration.TlsServerName))
            {
                request.Headers.Host = configuration.TlsServerName;
            }

            request.Headers.Authorization = await AuthorizationAsync(cancellationToken).ConfigureAwait(false);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        // A token provider is asked every time: the in-cluster token file is rotated by the kubelet, exec plugins expire.
        private async Task<AuthenticationHeaderValue?> AuthorizationAsync(CancellationToken cancellationToken) =>
            configuration.TokenProvider is { } provider ? await provider.GetAuthenticationHeaderAsync(cancellationToken).ConfigureAwait(false)
            : !string.IsNullOrEmpty(configuration.AccessToken) ? new AuthenticationHeaderValue("Bearer", configuration.AccessToken)
            : basic;
    }
}
