using k8s.Exceptions;
using YamlDotNet.RepresentationModel;

namespace DaprShared.Kubernetes.Cluster;

/// <summary>The <c>exec</c> section of a kubeconfig user: the credential plugin to run (e.g. cloud CLIs).</summary>
internal sealed record ExecCredentialCommand(string ApiVersion, string Command, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
{
    public static ExecCredentialCommand From(YamlMappingNode exec, string userName)
    {
        var command = KubeconfigFile.Text(exec, "command") ?? throw new KubeConfigException($"user {userName}: exec has no command");
        var apiVersion = KubeconfigFile.Text(exec, "apiVersion") ?? "client.authentication.k8s.io/v1";
        var arguments = (KubeconfigFile.Node(exec, "args") as YamlSequenceNode)?.Children.Select(a => (a as YamlScalarNode)?.Value ?? "").ToList() ?? [];
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in (KubeconfigFile.Node(exec, "env") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [])
        {
            if (KubeconfigFile.Text(variable, "name") is { } name)
            {
                environment[name] = KubeconfigFile.Text(variable, "value") ?? "";
            }
        }

        return new ExecCredentialCommand(apiVersion, command, arguments, environment);
    }
}
