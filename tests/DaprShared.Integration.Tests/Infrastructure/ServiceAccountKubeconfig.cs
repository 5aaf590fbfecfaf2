using System.Text;
using k8s;
using k8s.Models;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>A kubeconfig that authenticates as a ServiceAccount with a token from the TokenRequest API (what the
/// kubelet projects into a pod), so RBAC applies to the product exactly as it would in a cluster.</summary>
public static class ServiceAccountKubeconfig
{
    public static async Task<string> WriteAsync(RealCluster cluster, string @namespace, string serviceAccount, string path)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var request = new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 3600 } };
        var token = await cluster.Admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(request, serviceAccount, @namespace).ConfigureAwait(false);
        var ca = Convert.ToBase64String(File.ReadAllBytes(cluster.Plane.Pki.CaCert));
        var text = new StringBuilder()
            .AppendLine("apiVersion: v1")
            .AppendLine("kind: Config")
            .AppendLine("clusters:")
            .AppendLine("- name: local")
            .AppendLine("  cluster:")
            .Append("    server: ").AppendLine(cluster.Plane.Server.AbsoluteUri.TrimEnd('/'))
            .Append("    certificate-authority-data: ").AppendLine(ca)
            .AppendLine("users:")
            .Append("- name: ").AppendLine(serviceAccount)
            .AppendLine("  user:")
            .Append("    token: ").AppendLine(token.Status.Token)
            .AppendLine("contexts:")
            .AppendLine("- name: local")
            .Append("  context: {cluster: local, user: ").Append(serviceAccount).Append(", namespace: ").Append(@namespace).AppendLine("}")
            .AppendLine("current-context: local");
        await File.WriteAllTextAsync(path, text.ToString()).ConfigureAwait(false);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}
