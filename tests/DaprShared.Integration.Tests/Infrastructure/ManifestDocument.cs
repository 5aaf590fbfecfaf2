using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>One object of a rendered multi-document YAML (<c>kubectl kustomize</c>, <c>helm template</c>): its text
/// exactly as rendered, so that kubectl gets what a user would pipe to it, and what identifies it.</summary>
public sealed partial record ManifestDocument(string Yaml, string ApiVersion, string Kind, string? Namespace, string Name)
{
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    public bool IsCrd => Kind == "CustomResourceDefinition" && Group == "apiextensions.k8s.io";

    public override string ToString() => $"{Kind} {(Namespace is null ? "" : Namespace + "/")}{Name} ({ApiVersion})";

    /// <summary>The documents of <paramref name="yaml"/> that hold an object, in order; a document of only comments
    /// (Helm leaves those where a template renders nothing) is skipped.</summary>
    public static IReadOnlyList<ManifestDocument> Split(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var documents = new List<ManifestDocument>();
        foreach (var text in Separator().Split(yaml))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                continue;
            }

            var metadata = root.Children.TryGetValue("metadata", out var node) ? (YamlMappingNode)node : null;
            documents.Add(new ManifestDocument(
                text.Trim('\n') + "\n",
                Scalar(root, "apiVersion") ?? throw new InvalidOperationException("a document without apiVersion:\n" + text),
                Scalar(root, "kind") ?? throw new InvalidOperationException("a document without kind:\n" + text),
                metadata is null ? null : Scalar(metadata, "namespace"),
                (metadata is null ? null : Scalar(metadata, "name")) ?? throw new InvalidOperationException("a document without metadata.name:\n" + text)));
        }

        return documents;
    }

    /// <summary>The documents as one YAML stream, custom resource definitions first: kubectl applies in order, and a
    /// CRD has to exist before anything of its kind.</summary>
    public static string JoinCrdsFirst(IEnumerable<ManifestDocument> documents) =>
        string.Join("---\n", documents.OrderBy(d => d.IsCrd ? 0 : 1).Select(d => d.Yaml));

    private static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(key, out var value) && value is YamlScalarNode { Value: { } text } ? text : null;

    [GeneratedRegex(@"^---[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex Separator();
}
