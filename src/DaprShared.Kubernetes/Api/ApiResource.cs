using System.Text;
using System.Text.Json.Serialization.Metadata;

namespace DaprShared.Kubernetes.Api;

/// <summary>Where one kind of object lives in the API (group, version, plural) and how its JSON is read and
/// written. Paths follow the API conventions: <c>/api/v1</c> for the core group, <c>/apis/GROUP/VERSION</c> otherwise.</summary>
public sealed class ApiResource<T>
    where T : class
{
    private readonly string prefix;

    public ApiResource(string group, string version, string plural, JsonTypeInfo<T> type)
    {
        Plural = plural;
        Type = type;
        prefix = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
    }

    public string Plural { get; }

    public JsonTypeInfo<T> Type { get; }

    /// <summary>The collection (<paramref name="namespace"/> null: across all namespaces, or a cluster-scoped kind),
    /// or one object of it when <paramref name="name"/> is given, or its <paramref name="subresource"/>.</summary>
    public string Path(string? @namespace, string? name = null, string? subresource = null)
    {
        var path = new StringBuilder(prefix);
        if (@namespace is not null)
        {
            path.Append("/namespaces/").Append(Uri.EscapeDataString(@namespace));
        }

        path.Append('/').Append(Plural);
        if (name is not null)
        {
            path.Append('/').Append(Uri.EscapeDataString(name));
            if (subresource is not null)
            {
                path.Append('/').Append(subresource);
            }
        }

        return path.ToString();
    }
}
