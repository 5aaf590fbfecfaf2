using System.Text.Json.Nodes;

namespace DaprShared.FakeKubeApi;

/// <summary>The <c>labelSelector</c> query syntax: <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>,
/// <c>k notin (a,b)</c>, <c>k</c> (exists) and <c>!k</c> (does not exist), comma-separated and ANDed.</summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements;

    private LabelSelector(IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements, string text)
    {
        this.requirements = requirements;
        Text = text;
    }

    public static LabelSelector Everything { get; } = new([], "");

    public string Text { get; }

    public bool IsEverything => requirements.Count == 0;

    /// <summary>Parses a selector; malformed input is a 400 BadRequest, like the real server.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var result = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var raw in SplitTopLevel(text))
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                throw ApiError.BadRequest($"unable to parse requirement: empty requirement in \"{text}\"");
            }

            result.Add(ParseRequirement(part, text));
        }

        return new LabelSelector(result, text);
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => requirements.All(r => r(labels));

    public bool Matches(JsonObject obj) => IsEverything || Matches(LabelsOf(obj));

    internal static IReadOnlyDictionary<string, string> LabelsOf(JsonObject obj)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"] is JsonObject metadata && metadata["labels"] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                labels[key] = value?.GetValue<string>() ?? "";
            }
        }

        return labels;
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(string part, string text)
    {
        var notIn = part.IndexOf(" notin ", StringComparison.Ordinal);
        if (notIn > 0)
        {
            var key = part[..notIn].Trim();
            var values = ParseSet(part[(notIn + 7)..]);
            return labels => !labels.TryGetValue(key, out var v) || !values.Contains(v);
        }

        var @in = part.IndexOf(" in ", StringComparison.Ordinal);
        if (@in > 0)
        {
            var key = part[..@in].Trim();
            var values = ParseSet(part[(@in + 4)..]);
            return labels => labels.TryGetValue(key, out var v) && values.Contains(v);
        }

        var notEquals = part.IndexOf("!=", StringComparison.Ordinal);
        if (notEquals > 0)
        {
            var key = part[..notEquals].Trim();
            var value = part[(notEquals + 2)..].Trim();
            return labels => !labels.TryGetValue(key, out var v) || v != value;
        }

        var equals = part.IndexOf('=');
        if (equals > 0)
        {
            var key = part[..equals].Trim();
            var valueStart = part.Length > equals + 1 && part[equals + 1] == '=' ? equals + 2 : equals + 1;
            var value = part[valueStart..].Trim();
            return labels => labels.TryGetValue(key, out var v) && v == value;
        }

        if (part[0] == '!')
        {
            var key = part[1..].Trim();
            return labels => !labels.ContainsKey(key);
        }

        if (part.IndexOfAny([' ', '(', ')']) >= 0)
        {
            throw ApiError.BadRequest($"unable to parse requirement: \"{part}\" in \"{text}\"");
        }

        return labels => labels.ContainsKey(part);
    }

    private static HashSet<string> ParseSet(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length < 2 || trimmed[0] != '(' || trimmed[^1] != ')')
        {
            // The real parser's words: it wanted the set's opening parenthesis and found the next token.
            var found = trimmed.Split([' ', ',', ')'], 2)[0];
            throw ApiError.BadRequest($"unable to parse requirement: found '{found}' expected: '('");
        }

        return trimmed[1..^1].Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
    }

    // Commas inside "in (a,b)" sets do not separate requirements.
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }
}
