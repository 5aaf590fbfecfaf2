namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>Starts of the product that <see cref="Installed.StartProductAsync"/> does not cover: a replica that
/// leaves the webhook configuration alone (two replicas share one webhook URL, as they share one Service), and a
/// replica in self-managed TLS mode, which writes its own Secret and caBundle as the Deployment of deploy/ does.</summary>
public static class ProductLauncher
{
    /// <summary>Like <see cref="Installed.StartProductAsync"/> (files TLS, its own ServiceAccount's token, the
    /// Deployment's environment) but without pointing the webhook configuration at the new process; returns the
    /// caBundle that trusts it, for <see cref="Installed.PointWebhookAtAsync"/> later.</summary>
    public static async Task<(ProductProcess Product, string CaBundle)> StartReplicaAsync(RealCluster cluster, string work, params string[] settings)
    {
        await Installed.EnsureAsync(cluster).ConfigureAwait(false);
        var certificate = ServingCertificate.Write(Path.Combine(work, "tls"));
        var kubeconfig = await ServiceAccountKubeconfig.WriteAsync(cluster, Installed.SystemNamespace, Installed.ServiceAccount, Path.Combine(work, "kubeconfig")).ConfigureAwait(false);
        var environment = Installed.DeploymentEnvironment();
        environment["Tls__Mode"] = "Files";
        var product = ProductProcess.Start(
            ["--tls-cert-file", certificate.CertFile, "--tls-key-file", certificate.KeyFile, "--kubeconfig", kubeconfig, .. settings],
            environment);
        await Installed.WaitReadyAsync(product).ConfigureAwait(false);
        return (product, certificate.CaBundle);
    }

    /// <summary>The product with <c>--tls-mode SelfManaged</c> on <paramref name="port"/>, with the Deployment's
    /// environment (<c>POD_NAMESPACE</c>, so the Secret goes to <see cref="Installed.SystemNamespace"/>) and its
    /// ServiceAccount's token: no certificate file at all. Does not wait for readiness, which in this mode means the
    /// caBundle trusts the served certificate: the caller asserts it.</summary>
    public static async Task<ProductProcess> StartSelfManagedAsync(RealCluster cluster, string work, int port, params string[] settings)
    {
        await Installed.EnsureAsync(cluster).ConfigureAwait(false);
        Directory.CreateDirectory(work);
        var kubeconfig = await ServiceAccountKubeconfig.WriteAsync(cluster, Installed.SystemNamespace, Installed.ServiceAccount, Path.Combine(work, "kubeconfig")).ConfigureAwait(false);
        var environment = Installed.DeploymentEnvironment();
        environment["Tls__Mode"] = "SelfManaged";
        return ProductProcess.Start(["--tls-mode", "SelfManaged", "--kubeconfig", kubeconfig, .. settings], environment, port);
    }
}
