using System.Runtime.InteropServices;
using System.Text.Json;

namespace DaprShared.Core.Injection;

/// <summary>Reads <see cref="PodFacts"/> from a pod's UTF-8 JSON in one forward pass, skipping everything the
/// rules do not read. The webhook runs it inside its scan of the AdmissionReview; the CLI runs it over the raw
/// bytes of a pod template's <see cref="JsonElement"/>, so both decide from the same extractor.</summary>
internal static class PodFactsReader
{
    // An element's bytes were already validated by its document (whatever its options): be as lenient as it may
    // have been, and let its own depth limit stand.
    private static readonly JsonReaderOptions ElementOptions = new()
    {
        MaxDepth = 1024,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly byte[][] AnnotationKeysUtf8 =
        [.. PodFacts.AnnotationKeys.Select(k => System.Text.Encoding.UTF8.GetBytes(k))];

    private static readonly byte[][] InjectedNamesUtf8 =
        [.. ContainerFacts.InjectedNames.Select(k => System.Text.Encoding.UTF8.GetBytes(k))];

    /// <summary>The facts of a pod held as a <see cref="JsonElement"/> (a pod template from the CLI).</summary>
    public static PodFacts FromElement(JsonElement pod)
    {
        if (pod.ValueKind != JsonValueKind.Object)
        {
            return PodFacts.Empty;
        }

        ReadOnlyMemory<byte> source = JsonMarshal.GetRawUtf8Value(pod).ToArray();
        var reader = new Utf8JsonReader(source.Span, ElementOptions);
        reader.Read();
        return Read(ref reader, source);
    }

    /// <summary>Reads the pod object the reader is on (its StartObject) through its EndObject.
    /// <paramref name="source"/> is the reader's input: the slices are offsets into it.</summary>
    public static PodFacts Read(ref Utf8JsonReader reader, ReadOnlyMemory<byte> source)
    {
        var metadata = default(Metadata);
        var containers = PodFacts.ContainerList.Missing;
        var initContainers = PodFacts.ContainerList.Missing;

        while (NextMember(ref reader))
        {
            if (reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                metadata = ReadMetadata(ref reader);
            }
            else if (reader.ValueTextEquals("spec"u8))
            {
                reader.Read();
                (containers, initContainers) = ReadSpec(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new PodFacts(
            source,
            metadata.IsObject,
            metadata.LabelsIsObject,
            metadata.AppIdLabel,
            metadata.AnnotationsIsObject,
            metadata.Annotations ?? new JsonSlice[PodFacts.AnnotationKeys.Length],
            metadata.Namespace,
            containers,
            initContainers);
    }

    /// <summary>Moves to the next property name of the current object; false at its EndObject.</summary>
    internal static bool NextMember(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>From a property name, skips its value.</summary>
    internal static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static Metadata ReadMetadata(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default;
        }

        var result = new Metadata { IsObject = true };
        while (NextMember(ref reader))
        {
            if (reader.ValueTextEquals("labels"u8))
            {
                reader.Read();
                result.LabelsIsObject = reader.TokenType == JsonTokenType.StartObject;
                result.AppIdLabel = default;
                if (result.LabelsIsObject)
                {
                    result.AppIdLabel = ReadLabels(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                reader.Read();
                result.AnnotationsIsObject = reader.TokenType == JsonTokenType.StartObject;
                result.Annotations = new JsonSlice[PodFacts.AnnotationKeys.Length];
                if (result.AnnotationsIsObject)
                {
                    ReadAnnotations(ref reader, result.Annotations);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                result.Namespace = JsonSlice.ReadMemberValue(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return result;
    }

    private static JsonSlice ReadLabels(ref Utf8JsonReader reader)
    {
        var appId = default(JsonSlice);
        while (NextMember(ref reader))
        {
            if (reader.ValueTextEquals(Contract.DaprSharedKeys.AppIdLabel))
            {
                appId = JsonSlice.ReadMemberValue(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return appId;
    }

    private static void ReadAnnotations(ref Utf8JsonReader reader, JsonSlice[] values)
    {
        Span<bool> matched = stackalloc bool[AnnotationKeysUtf8.Length];
        while (NextMember(ref reader))
        {
            var any = false;
            for (var i = 0; i < AnnotationKeysUtf8.Length; i++)
            {
                matched[i] = reader.ValueTextEquals(AnnotationKeysUtf8[i]);
                any |= matched[i];
            }

            reader.Read();
            if (!any)
            {
                reader.Skip();
                continue;
            }

            var value = JsonSlice.Capture(ref reader);
            for (var i = 0; i < matched.Length; i++)
            {
                if (matched[i])
                {
                    values[i] = value;
                }
            }
        }
    }

    private static (PodFacts.ContainerList Containers, PodFacts.ContainerList InitContainers) ReadSpec(ref Utf8JsonReader reader)
    {
        var containers = PodFacts.ContainerList.Missing;
        var initContainers = PodFacts.ContainerList.Missing;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return (containers, initContainers);
        }

        while (NextMember(ref reader))
        {
            if (reader.ValueTextEquals("containers"u8))
            {
                reader.Read();
                containers = ReadContainerList(ref reader);
            }
            else if (reader.ValueTextEquals("initContainers"u8))
            {
                reader.Read();
                initContainers = ReadContainerList(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return (containers, initContainers);
    }

    private static PodFacts.ContainerList ReadContainerList(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return PodFacts.ContainerList.Missing;
        }

        var items = new List<ContainerFacts?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                items.Add(ReadContainer(ref reader));
            }
            else
            {
                reader.Skip();
                items.Add(null);
            }
        }

        return new PodFacts.ContainerList(true, items);
    }

    private static ContainerFacts ReadContainer(ref Utf8JsonReader reader)
    {
        var name = default(JsonSlice);
        var envIsArray = false;
        EnvEntryFacts?[]? existing = null;
        while (NextMember(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                name = JsonSlice.ReadMemberValue(ref reader);
            }
            else if (reader.ValueTextEquals("env"u8))
            {
                reader.Read();
                envIsArray = reader.TokenType == JsonTokenType.StartArray;
                existing = envIsArray ? ReadEnv(ref reader) : SkipAndForget(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new ContainerFacts(name, envIsArray, existing);
    }

    private static EnvEntryFacts?[]? SkipAndForget(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    /// <summary>The first entry of each injected name, in one pass over the env list.</summary>
    private static EnvEntryFacts?[]? ReadEnv(ref Utf8JsonReader reader)
    {
        EnvEntryFacts?[]? existing = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var (nameIndex, entry) = ReadEnvEntry(ref reader);
            if (nameIndex >= 0)
            {
                existing ??= new EnvEntryFacts?[InjectedNamesUtf8.Length];
                existing[nameIndex] ??= entry;
            }
        }

        return existing;
    }

    private static (int NameIndex, EnvEntryFacts? Entry) ReadEnvEntry(ref Utf8JsonReader reader)
    {
        var nameIndex = -1;
        var value = default(JsonSlice);
        var valueFrom = JsonTokenType.None;
        var secretName = default(JsonSlice);
        var secretKey = default(JsonSlice);
        while (NextMember(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                nameIndex = reader.TokenType == JsonTokenType.String ? InjectedNameIndex(ref reader) : -1;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                value = JsonSlice.ReadMemberValue(ref reader);
            }
            else if (reader.ValueTextEquals("valueFrom"u8))
            {
                reader.Read();
                valueFrom = reader.TokenType;
                (secretName, secretKey) = ReadValueFrom(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return (nameIndex, nameIndex < 0 ? null : new EnvEntryFacts(value, valueFrom, secretName, secretKey));
    }

    private static int InjectedNameIndex(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < InjectedNamesUtf8.Length; i++)
        {
            if (reader.ValueTextEquals(InjectedNamesUtf8[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static (JsonSlice Name, JsonSlice Key) ReadValueFrom(ref Utf8JsonReader reader)
    {
        var secretRef = (Name: default(JsonSlice), Key: default(JsonSlice));
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return secretRef;
        }

        while (NextMember(ref reader))
        {
            if (!reader.ValueTextEquals("secretKeyRef"u8))
            {
                SkipValue(ref reader);
                continue;
            }

            reader.Read();
            secretRef = default;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (NextMember(ref reader))
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    secretRef.Name = JsonSlice.ReadMemberValue(ref reader);
                }
                else if (reader.ValueTextEquals("key"u8))
                {
                    secretRef.Key = JsonSlice.ReadMemberValue(ref reader);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }
        }

        return secretRef;
    }

    private struct Metadata
    {
        public bool IsObject;
        public bool LabelsIsObject;
        public JsonSlice AppIdLabel;
        public bool AnnotationsIsObject;
        public JsonSlice[]? Annotations;
        public JsonSlice Namespace;
    }
}
