using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaprShared.Core.Contract;
using DaprShared.Core.Injection;
using DaprShared.Core.Patching;

namespace DaprShared.Core.Manifests;

/// <summary>The offline webhook (DESIGN §6): runs every pod template of a multi-document YAML input through the
/// same <see cref="PodInjector"/> the admission webhook uses and applies its RFC 6902 operations. Pure: text in,
/// text and decisions out. Documents that are not workloads, or that the injector leaves alone, are copied byte
/// for byte; a patched document is rewritten in place, keeping its separator and surrounding comments.</summary>
public static class ManifestInjector
{
    /// <summary>Reason code of a workload whose pod template is missing or not an object.</summary>
    public const string NoPodTemplate = "no_pod_template";

    // Kubernetes' List may hold Lists; real inputs nest at most once.
    private const int MaxListNesting = 4;

    private static readonly JsonDocumentOptions ElementOptions = new() { MaxDepth = ManifestLimits.MaxDepth + 16 };
    private static readonly JsonWriterOptions WriterOptions = new() { MaxDepth = ManifestLimits.MaxDepth + 16 };

    /// <summary>Decides on and patches every pod template in <paramref name="yaml"/>.</summary>
    /// <exception cref="ManifestFormatException">The input is not readable YAML (or exceeds a limit).</exception>
    public static ManifestResult Process(string yaml, ManifestOptions options)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(options);

        var stream = YamlSourceReader.Read(yaml);
        var optedInNamespaces = FindOptedInNamespaces(stream.Documents);
        var decisions = new List<TemplateDecision>();
        var output = new StringBuilder(yaml.Length + 1024);
        if (stream.Documents.Count == 0)
        {
            output.Append(yaml);
        }

        foreach (var document in stream.Documents)
        {
            var context = new DocumentContext(document, options, optedInNamespaces, decisions);
            if (document.Root is JsonObject root)
            {
                var newRoot = Visit(context, root, root, string.Empty, 0);
                if (!ReferenceEquals(newRoot, root))
                {
                    document.Root = newRoot;
                }
            }

            if (context.Changed && !context.Failed)
            {
                Rewrite(output, stream, document);
            }
            else
            {
                output.Append(yaml, document.SliceStart, document.SliceEnd - document.SliceStart);
            }
        }

        return new ManifestResult(output.ToString(), stream.Documents.Count, decisions);
    }

    /// <summary>Visits one object; returns the object that replaces it (itself unless a patch replaced a whole
    /// pod, which the injector never does).</summary>
    private static JsonNode? Visit(DocumentContext context, JsonObject objectNode, JsonObject documentRoot, string pointer, int listDepth)
    {
        var apiVersion = PodTemplateLocator.Text(objectNode, "apiVersion");
        var kind = PodTemplateLocator.Text(objectNode, "kind");

        if (PodTemplateLocator.IsList(apiVersion, kind) && listDepth < MaxListNesting
            && objectNode["items"] is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is JsonObject item)
                {
                    var replaced = Visit(context, item, documentRoot, $"{pointer}/items/{i}", listDepth + 1);
                    if (!ReferenceEquals(replaced, item))
                    {
                        items[i] = replaced;
                    }
                }
            }

            return objectNode;
        }

        var templatePath = PodTemplateLocator.TemplatePath(apiVersion, kind);
        if (templatePath is null)
        {
            return objectNode;
        }

        var metadata = objectNode["metadata"] as JsonObject;
        var name = PodTemplateLocator.Text(metadata, "name") ?? PodTemplateLocator.Text(metadata, "generateName") ?? string.Empty;
        var ns = PodTemplateLocator.Text(metadata, "namespace");
        if (string.IsNullOrEmpty(ns))
        {
            ns = context.Options.DefaultNamespace;
        }

        var optedIn = context.Options.NamespaceOptedIn || context.OptedInNamespaces.Contains(ns);
        var templatePointer = pointer + string.Concat(templatePath.Select(token => "/" + JsonPointer.Escape(token)));
        var template = Navigate(objectNode, templatePath);
        if (template is null)
        {
            context.Add(new TemplateDecision(
                context.Document.Index, context.Document.Line, kind!, name, ns, templatePointer, optedIn,
                new InjectionResult(InjectionOutcome.Skipped, NoPodTemplate, null, null, [], []), []));
            return objectNode;
        }

        var notes = NonStringMetadata(template, templatePointer);
        var result = Decide(template, ns, optedIn, context.Options.Settings);
        if (result.HasPatch)
        {
            try
            {
                var patched = JsonPatchApplier.Apply(template, result.Operations);
                context.Changed = true;
                if (!ReferenceEquals(patched, template))
                {
                    // Only a patch of the whole template (path "") gets here.
                    if (templatePath.Length == 0)
                    {
                        objectNode = patched as JsonObject ?? throw new JsonPatchApplyException("the patch replaced the pod with a non-object");
                    }
                    else
                    {
                        ((JsonObject)Navigate(objectNode, templatePath[..^1])!)[templatePath[^1]] = patched;
                    }
                }
            }
            catch (JsonPatchApplyException e)
            {
                context.Failed = true;
                result = Failure($"the patch does not apply ({e.Message}); document left unchanged");
            }
        }

        context.Add(new TemplateDecision(
            context.Document.Index, context.Document.Line, kind!, name, ns, templatePointer, optedIn, result, notes));
        return objectNode;
    }

    private static InjectionResult Decide(JsonObject template, string ns, bool optedIn, ClusterSettings settings)
    {
        try
        {
            return PodInjector.Inject(new PodInjectionRequest(ToElement(template), ns, optedIn), settings);
        }
#pragma warning disable CA1031 // Like the webhook: a fault in the mutation leaves the object unchanged and is reported.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Failure($"the injector failed ({e.GetType().Name}: {e.Message}); left unchanged");
        }
    }

    private static InjectionResult Failure(string message) => new(
        InjectionOutcome.Error, ReasonCodes.InternalError, null, null, [], [$"dapr-shared: {ReasonCodes.InternalError}: {message}"]);

    private static JsonElement ToElement(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory, ElementOptions);
        return document.RootElement.Clone();
    }

    private static JsonObject? Navigate(JsonObject start, string[] path)
    {
        JsonNode? node = start;
        foreach (var token in path)
        {
            node = node is JsonObject mapping && mapping.TryGetPropertyValue(token, out var child) ? child : null;
        }

        return node as JsonObject;
    }

    // kubectl rejects an annotation or label whose value is not a string (e.g. an unquoted `true`): say so
    // rather than let the decision read like the annotation was ignored.
    private static IReadOnlyList<string> NonStringMetadata(JsonObject template, string templatePointer)
    {
        List<string>? notes = null;
        if (template["metadata"] is not JsonObject metadata)
        {
            return [];
        }

        foreach (var field in (ReadOnlySpan<string>)["annotations", "labels"])
        {
            if (metadata[field] is not JsonObject values)
            {
                continue;
            }

            foreach (var (key, value) in values)
            {
                var kind = value?.GetValueKind() ?? JsonValueKind.Null;
                if (kind != JsonValueKind.String)
                {
                    var text = value?.ToJsonString() ?? "null";
                    (notes ??= []).Add(
                        $"{templatePointer}/metadata/{field}/{JsonPointer.Escape(key)} is {Describe(kind)} ({Shorten(text)}), but Kubernetes only accepts strings there: quote the value");
                }
            }
        }

        return notes ?? (IReadOnlyList<string>)[];
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "a mapping",
        _ => "a sequence",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static HashSet<string> FindOptedInNamespaces(IReadOnlyList<YamlSourceDocument> documents)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            CollectNamespaces(document.Root as JsonObject, names, 0);
        }

        return names;
    }

    private static void CollectNamespaces(JsonObject? objectNode, HashSet<string> names, int listDepth)
    {
        var apiVersion = PodTemplateLocator.Text(objectNode, "apiVersion");
        var kind = PodTemplateLocator.Text(objectNode, "kind");
        if (PodTemplateLocator.IsList(apiVersion, kind) && listDepth < MaxListNesting && objectNode!["items"] is JsonArray items)
        {
            foreach (var item in items)
            {
                CollectNamespaces(item as JsonObject, names, listDepth + 1);
            }
        }
        else if (PodTemplateLocator.IsNamespace(apiVersion, kind)
                 && objectNode!["metadata"] is JsonObject metadata
                 && PodTemplateLocator.Text(metadata, "name") is { Length: > 0 } name
                 && PodTemplateLocator.Text(metadata["labels"], DaprSharedKeys.NamespaceEnabledLabel) == "true")
        {
            names.Add(name);
        }
    }

    /// <summary>Writes a patched document: the text before its content (separator, comments) and after it are
    /// kept; only the content is replaced by the re-emitted YAML.</summary>
    private static void Rewrite(StringBuilder output, YamlSourceStream stream, YamlSourceDocument document)
    {
        var text = stream.Text;
        var prefix = text.AsSpan(document.SliceStart, document.ContentStart - document.SliceStart).TrimEnd(" \t");
        output.Append(prefix);
        if (prefix.Length > 0 && prefix[^1] != '\n')
        {
            // e.g. "--- " before a flow mapping: a block mapping must start on its own line.
            output.Append('\n');
        }

        var body = new StringBuilder();
        new YamlNodeWriter(body, stream.Verbatim).WriteDocument(document.Root);
        var slice = text.AsSpan(document.SliceStart, document.SliceEnd - document.SliceStart);
        output.Append(slice.Contains("\r\n", StringComparison.Ordinal) ? body.Replace("\n", "\r\n") : body);

        // The rest of the content's last line: drop it when blank, keep a trailing comment on a line of its own.
        var rest = document.ContentEnd;
        if (rest > 0 && text[rest - 1] != '\n')
        {
            while (rest < document.SliceEnd && text[rest] is ' ' or '\t')
            {
                rest++;
            }

            if (rest < document.SliceEnd && text[rest] == '\r')
            {
                rest++;
            }

            if (rest < document.SliceEnd && text[rest] == '\n')
            {
                rest++;
            }
        }

        output.Append(text, rest, document.SliceEnd - rest);
    }

    private sealed class DocumentContext(
        YamlSourceDocument document, ManifestOptions options, HashSet<string> optedInNamespaces, List<TemplateDecision> decisions)
    {
        public YamlSourceDocument Document { get; } = document;

        public ManifestOptions Options { get; } = options;

        public HashSet<string> OptedInNamespaces { get; } = optedInNamespaces;

        public bool Changed { get; set; }

        public bool Failed { get; set; }

        public void Add(TemplateDecision decision) => decisions.Add(decision);
    }
}
