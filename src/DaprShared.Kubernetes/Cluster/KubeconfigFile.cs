using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DaprShared.Kubernetes.Cluster;

/// <summary>Turns a kubeconfig file into a <see cref="KubernetesClientConfiguration"/> by walking its YAML nodes. The
/// library's own loader is not used: it deserializes with reflection (absent from the Native AOT build) and links
/// the library's serializer for every API model. What kubectl users rely on is read: the context (given, else
/// current-context) with its namespace; the cluster's server, CA (file or data), tls-server-name and
/// insecure-skip-tls-verify; the user's token, tokenFile, client certificate and key (files or data), basic auth,
/// and exec credential plugins. Relative file paths are relative to the kubeconfig, as in kubectl. Unknown fields are
/// ignored; auth-provider (removed from kubectl) is refused with a clear error.</summary>
public static class KubeconfigFile
{
    public static KubernetesClientConfiguration Load(string path, string? context = null)
    {
        var root = ReadRoot(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var contextName = string.IsNullOrWhiteSpace(context) ? Text(root, "current-context") : context;
        if (string.IsNullOrWhiteSpace(contextName))
        {
            throw new KubeConfigException($"{path} has no current-context and no context was given");
        }

        var selected = Named(root, "contexts", "context", contextName) ?? throw new KubeConfigException($"{path} has no context named {contextName}");
        var clusterName = Text(selected, "cluster") ?? throw new KubeConfigException($"context {contextName} names no cluster");
        var cluster = Named(root, "clusters", "cluster", clusterName) ?? throw new KubeConfigException($"{path} has no cluster named {clusterName}");
        var userName = Text(selected, "user");
        var user = userName is null ? null : Named(root, "users", "user", userName) ?? throw new KubeConfigException($"{path} has no user named {userName}");

        var configuration = new KubernetesClientConfiguration
        {
            Namespace = Text(selected, "namespace"),
            Host = Text(cluster, "server") ?? throw new KubeConfigException($"cluster {clusterName} has no server"),
            TlsServerName = Text(cluster, "tls-server-name"),
            SkipTlsVerify = Flag(cluster, "insecure-skip-tls-verify"),
            SslCaCerts = Authorities(cluster, directory),
        };
        if (user is not null)
        {
            AddCredentials(configuration, user, userName!, directory);
        }

        return configuration;
    }

    private static void AddCredentials(KubernetesClientConfiguration configuration, YamlMappingNode user, string userName, string directory)
    {
        if (Node(user, "auth-provider") is not null)
        {
            throw new KubeConfigException($"user {userName} uses an auth-provider, which is not supported: use an exec credential plugin");
        }

        configuration.ClientCertificateData = Text(user, "client-certificate-data");
        configuration.ClientCertificateKeyData = Text(user, "client-key-data");
        configuration.ClientCertificateFilePath = FilePath(Text(user, "client-certificate"), directory);
        configuration.ClientKeyFilePath = FilePath(Text(user, "client-key"), directory);
        configuration.AccessToken = Text(user, "token");
        configuration.Username = Text(user, "username");
        configuration.Password = Text(user, "password");
        if (FilePath(Text(user, "tokenFile"), directory) is { } tokenFile)
        {
            configuration.TokenProvider = new TokenFileAuth(tokenFile);
        }
        else if (Node(user, "exec") is YamlMappingNode exec)
        {
            var command = ExecCredentialCommand.From(exec, userName);

            // As kubectl: a command with a path separator is relative to the kubeconfig; a bare name is looked up in PATH.
            if (command.Command.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                command = command with { Command = FilePath(command.Command, directory)! };
            }

            configuration.TokenProvider = new ExecCredentialProvider(command);
        }
    }

    private static X509Certificate2Collection? Authorities(YamlMappingNode cluster, string directory)
    {
        var collection = new X509Certificate2Collection();
        if (Text(cluster, "certificate-authority-data") is { } data)
        {
            collection.ImportFromPem(Encoding.UTF8.GetString(Convert.FromBase64String(data)));
        }
        else if (FilePath(Text(cluster, "certificate-authority"), directory) is { } file)
        {
            collection.ImportFromPemFile(file);
        }
        else
        {
            return null;
        }

        return collection.Count > 0 ? collection : throw new KubeConfigException("the cluster's certificate authority holds no certificate");
    }

    private static YamlMappingNode ReadRoot(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw new KubeConfigException($"{path} is not a kubeconfig: expected a YAML mapping");
    }

    // clusters, contexts and users are lists of { name, <field>: {...} }.
    private static YamlMappingNode? Named(YamlMappingNode root, string list, string field, string name) =>
        (Node(root, list) as YamlSequenceNode)?.Children.OfType<YamlMappingNode>()
            .Where(item => Text(item, "name") == name)
            .Select(item => Node(item, field) as YamlMappingNode ?? new YamlMappingNode())
            .FirstOrDefault();

    internal static YamlNode? Node(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    internal static string? Text(YamlMappingNode map, string key) =>
        Node(map, key) is YamlScalarNode { Value: { Length: > 0 } value } scalar && !(scalar.Style == ScalarStyle.Plain && value is "~" or "null")
            ? value
            : null;

    private static bool Flag(YamlMappingNode map, string key) => bool.TryParse(Text(map, key), out var value) && value;

    private static string? FilePath(string? path, string directory) =>
        string.IsNullOrWhiteSpace(path) ? null : Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(directory, path));
}
