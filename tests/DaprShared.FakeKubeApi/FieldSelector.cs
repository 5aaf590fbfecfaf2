using System.Text.Json.Nodes;

namespace DaprShared.FakeKubeApi;

/// <summary>The <c>fieldSelector</c> query: <c>path=value</c> / <c>path!=value</c> requirements, comma-separated.
/// <see cref="Parse(string?)"/> takes any dotted path into the object (for the store's test API); requests are checked
/// with <see cref="CheckSupported"/>, which allows only the fields the real server allows for the resource.</summary>
public sealed class FieldSelector
{
    private readonly IReadOnlyList<(string[] Path, string Value, bool Equal)> requirements;

    private FieldSelector(IReadOnlyList<(string[] Path, string Value, bool Equal)> requirements) =>
        this.requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var result = new List<(string[], string, bool)>();
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            var notEquals = part.IndexOf("!=", StringComparison.Ordinal);
            var equals = part.IndexOf('=');
            if (notEquals > 0)
            {
                result.Add((part[..notEquals].Split('.'), part[(notEquals + 2)..], false));
            }
            else if (equals > 0)
            {
                var valueStart = part.Length > equals + 1 && part[equals + 1] == '=' ? equals + 2 : equals + 1;
                result.Add((part[..equals].Split('.'), part[valueStart..], true));
            }
            else
            {
                throw ApiError.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            }
        }

        return new FieldSelector(result);
    }

    /// <summary>Throws the real server's 400 for a field <paramref name="type"/> cannot be selected by.</summary>
    public FieldSelector CheckSupported(ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        foreach (var (path, _, _) in requirements)
        {
            FieldLabels.Check(type, string.Join('.', path));
        }

        return this;
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (path, value, equal) in requirements)
        {
            JsonNode? node = obj;
            foreach (var segment in path)
            {
                node = node is JsonObject o ? o[segment] : null;
            }

            var actual = node is JsonValue v ? v.ToString() : "";
            if ((actual == value) != equal)
            {
                return false;
            }
        }

        return true;
    }
}
