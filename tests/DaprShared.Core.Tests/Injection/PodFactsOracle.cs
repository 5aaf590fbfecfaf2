using System.Text.Json;
using DaprShared.Core.Contract;
using DaprShared.Core.Injection;

namespace DaprShared.Core.Tests.Injection;

/// <summary>The facts <see cref="PodFactsReader"/> takes, read again the obvious way from a parsed
/// <see cref="JsonDocument"/>, rule by rule as <see cref="PodFacts"/> states them: of duplicate members the last
/// one wins; a value of the wrong kind where an object or array is expected counts as absent; of env entries with
/// the same name the first one counts; an env entry's name must be a string. Nothing here shares code with the
/// one-pass reader, so a wrong rule there shows as a line that differs.</summary>
internal static class PodFactsOracle
{
    public static string Describe(JsonElement pod)
    {
        var metadata = ObjectMember(pod, "metadata");
        var labels = Member(metadata, "labels");
        var annotations = Member(metadata, "annotations");
        var text = new FactsText().Metadata(
            metadata is not null,
            IsObject(labels),
            IsObject(annotations),
            Show(Member(labels, DaprSharedKeys.AppIdLabel)),
            Show(Member(metadata, "namespace")));
        foreach (var key in PodFacts.AnnotationKeys)
        {
            text.Annotation(key, Show(Member(annotations, key)));
        }

        var spec = Member(pod, "spec");
        foreach (var listName in new[] { "containers", "initContainers" })
        {
            DescribeList(text, listName, Member(spec, listName));
        }

        return text.ToString();
    }

    private static void DescribeList(FactsText text, string listName, JsonElement? list)
    {
        if (list is not { ValueKind: JsonValueKind.Array } items)
        {
            text.List(listName, false, 0);
            return;
        }

        text.List(listName, true, items.GetArrayLength());
        foreach (var container in items.EnumerateArray())
        {
            if (container.ValueKind != JsonValueKind.Object)
            {
                text.NotAnObject();
                continue;
            }

            var env = Member(container, "env");
            text.Container(Show(Member(container, "name")), env?.ValueKind == JsonValueKind.Array);
            if (env is not { ValueKind: JsonValueKind.Array } entries)
            {
                continue;
            }

            foreach (var variable in ContainerFacts.InjectedNames)
            {
                var first = entries.EnumerateArray()
                    .Where(entry => Member(entry, "name") is { ValueKind: JsonValueKind.String } name && name.ValueEquals(variable))
                    .Select(entry => (JsonElement?)entry)
                    .FirstOrDefault();
                if (first is null)
                {
                    continue;
                }

                var valueFrom = Member(first, "valueFrom");
                var secretKeyRef = Member(valueFrom, "secretKeyRef");
                text.Env(
                    variable,
                    Show(Member(first, "value")),
                    valueFrom is { } from ? TokenOf(from.ValueKind).ToString() : nameof(JsonTokenType.None),
                    Show(Member(secretKeyRef, "name")),
                    Show(Member(secretKeyRef, "key")));
            }
        }
    }

    /// <summary>The last member called <paramref name="name"/> (compared unescaped); null when there is none or
    /// <paramref name="value"/> is not an object.</summary>
    private static JsonElement? Member(JsonElement? value, string name) =>
        value is { ValueKind: JsonValueKind.Object } obj
            ? obj.EnumerateObject().Where(p => p.NameEquals(name)).Select(p => (JsonElement?)p.Value).LastOrDefault()
            : null;

    private static JsonElement? ObjectMember(JsonElement value, string name) =>
        Member(value, name) is { ValueKind: JsonValueKind.Object } member ? member : null;

    private static bool IsObject(JsonElement? value) => value?.ValueKind == JsonValueKind.Object;

    private static string Show(JsonElement? value) => value is { } v ? $"{TokenOf(v.ValueKind)}:{v.GetRawText()}" : "-";

    private static JsonTokenType TokenOf(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => JsonTokenType.StartObject,
        JsonValueKind.Array => JsonTokenType.StartArray,
        JsonValueKind.String => JsonTokenType.String,
        JsonValueKind.Number => JsonTokenType.Number,
        JsonValueKind.True => JsonTokenType.True,
        JsonValueKind.False => JsonTokenType.False,
        JsonValueKind.Null => JsonTokenType.Null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a JSON value"),
    };
}
