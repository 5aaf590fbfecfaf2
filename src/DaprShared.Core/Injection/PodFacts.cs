using System.Text.Json;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;

namespace DaprShared.Core.Injection;

/// <summary>The few dozen values of a pod the injector's rules read, taken in one forward scan by
/// <see cref="PodFactsReader"/> instead of building a document of the whole pod. Immutable; values are positions
/// in <see cref="Source"/> and become strings only when read. Duplicate members resolve like
/// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>: the last one wins.</summary>
internal sealed class PodFacts
{
    /// <summary>The annotation keys any rule reads (PodInjector, AnnotationChecks, MetadataPatcher); the per-app
    /// settings' keys are those of <see cref="InstanceSettings"/>.</summary>
    public static readonly string[] AnnotationKeys =
        [DaprSharedKeys.Enabled, .. InstanceSettings.AnnotationKeys, DaprSharedKeys.DaprEnabled, DaprSharedKeys.Injected];

    /// <summary>A pod that is not a JSON object: no metadata, no containers.</summary>
    public static readonly PodFacts Empty = new(
        default, false, false, default, false, new JsonSlice[AnnotationKeys.Length], default, ContainerList.Missing, ContainerList.Missing);

    private readonly JsonSlice[] annotations;

    public PodFacts(
        ReadOnlyMemory<byte> source,
        bool hasMetadata,
        bool labelsIsObject,
        JsonSlice appIdLabel,
        bool annotationsIsObject,
        JsonSlice[] annotations,
        JsonSlice metadataNamespace,
        ContainerList containers,
        ContainerList initContainers)
    {
        Source = source;
        HasMetadata = hasMetadata;
        LabelsIsObject = labelsIsObject;
        AppIdLabel = appIdLabel;
        AnnotationsIsObject = annotationsIsObject;
        this.annotations = annotations;
        MetadataNamespace = metadataNamespace;
        Containers = containers;
        InitContainers = initContainers;
    }

    /// <summary>The bytes the slices point into.</summary>
    public ReadOnlyMemory<byte> Source { get; }

    public bool HasMetadata { get; }

    public bool LabelsIsObject { get; }

    /// <summary>The <c>dapr-shared.io/app-id</c> label's value, whatever its kind.</summary>
    public JsonSlice AppIdLabel { get; }

    public bool AnnotationsIsObject { get; }

    /// <summary><c>metadata.namespace</c>, whatever its kind.</summary>
    public JsonSlice MetadataNamespace { get; }

    public ContainerList Containers { get; }

    public ContainerList InitContainers { get; }

    /// <summary>An annotation's value, whatever its kind; <paramref name="key"/> must be one of <see cref="AnnotationKeys"/>.</summary>
    public JsonSlice AnnotationValue(string key)
    {
        var index = Array.IndexOf(AnnotationKeys, key);
        if (index < 0)
        {
            throw new ArgumentException($"annotation {key} is not read by the injector", nameof(key));
        }

        return annotations[index];
    }

    /// <summary>An annotation's string value; null when absent or not a string.</summary>
    public string? Annotation(string key) => AnnotationValue(key).GetString(Source);

    public ContainerList ContainerListNamed(string listName) => listName switch
    {
        "containers" => Containers,
        "initContainers" => InitContainers,
        _ => throw new ArgumentException($"{listName} is not a container list the injector reads", nameof(listName)),
    };

    /// <summary>One of <c>spec.containers</c> / <c>spec.initContainers</c>: null items are elements that are not objects.</summary>
    public sealed record ContainerList(bool IsArray, IReadOnlyList<ContainerFacts?> Items)
    {
        public static readonly ContainerList Missing = new(false, []);
    }
}
