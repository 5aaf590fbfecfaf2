using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DaprShared.TestData;

namespace DaprShared.Integration.Tests.ControlPlane;

/// <summary>The PKI of a local control plane, as ../shared/kube/control-plane.sh lays it out (cluster CA, API server
/// serving certificate, an admin client certificate in <c>system:masters</c>, the front-proxy pair, the
/// ServiceAccount signing key), made in memory with ECDSA P-256 and written as PEM files.</summary>
public sealed class ControlPlanePki
{
    private ControlPlanePki(string folder) => Folder = folder;

    public string Folder { get; }

    public string CaCert => Path.Combine(Folder, "ca.crt");

    public string CaKey => Path.Combine(Folder, "ca.key");

    public string ApiServerCert => Path.Combine(Folder, "apiserver.crt");

    public string ApiServerKey => Path.Combine(Folder, "apiserver.key");

    public string AdminCert => Path.Combine(Folder, "admin.crt");

    public string AdminKey => Path.Combine(Folder, "admin.key");

    public string FrontProxyCaCert => Path.Combine(Folder, "front-proxy-ca.crt");

    public string FrontProxyClientCert => Path.Combine(Folder, "front-proxy-client.crt");

    public string FrontProxyClientKey => Path.Combine(Folder, "front-proxy-client.key");

    public string ServiceAccountKey => Path.Combine(Folder, "sa.key");

    public string ServiceAccountPublicKey => Path.Combine(Folder, "sa.pub");

    public static ControlPlanePki Create(string folder)
    {
        Directory.CreateDirectory(folder);
        var pki = new ControlPlanePki(folder);
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        var until = now.AddYears(1);

        using var ca = TestCertificateAuthority.CreateRoot("CN=kubernetes-ca", now, until);
        using (var caKey = ca.GetECDsaPrivateKey()!)
        {
            Write(pki.CaCert, pki.CaKey, (ca.ExportCertificatePem(), caKey.ExportECPrivateKeyPem()));
        }

        Write(pki.ApiServerCert, pki.ApiServerKey, Issue(ca, "CN=kube-apiserver", now, until, serverAuth: true, san =>
        {
            foreach (var name in new[] { "localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local" })
            {
                san.AddDnsName(name);
            }

            san.AddIpAddress(IPAddress.Loopback);
            san.AddIpAddress(IPAddress.Parse("10.96.0.1"));
        }));
        Write(pki.AdminCert, pki.AdminKey, Issue(ca, "CN=admin, O=system:masters", now, until, serverAuth: false));

        using var frontProxyCa = TestCertificateAuthority.CreateRoot("CN=front-proxy-ca", now, until);
        File.WriteAllText(pki.FrontProxyCaCert, frontProxyCa.ExportCertificatePem());
        Write(pki.FrontProxyClientCert, pki.FrontProxyClientKey, Issue(frontProxyCa, "CN=front-proxy-client", now, until, serverAuth: false));

        using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(pki.ServiceAccountKey, signing.ExportECPrivateKeyPem());
        File.WriteAllText(pki.ServiceAccountPublicKey, signing.ExportSubjectPublicKeyInfoPem());
        return pki;
    }

    /// <summary>A leaf signed by <paramref name="issuer"/>, as certificate and key PEM.</summary>
    private static (string Certificate, string Key) Issue(X509Certificate2 issuer, string subject, DateTimeOffset notBefore, DateTimeOffset notAfter, bool serverAuth, Action<SubjectAlternativeNameBuilder>? names = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var usage = serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2";
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        if (names is not null)
        {
            var san = new SubjectAlternativeNameBuilder();
            names(san);
            request.CertificateExtensions.Add(san.Build());
        }

        using var certificate = request.Create(issuer, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        return (certificate.ExportCertificatePem(), key.ExportECPrivateKeyPem());
    }

    private static void Write(string certPath, string keyPath, (string Certificate, string Key) pem)
    {
        File.WriteAllText(certPath, pem.Certificate);
        File.WriteAllText(keyPath, pem.Key);
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
