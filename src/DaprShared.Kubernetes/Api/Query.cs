using System.Text;

namespace DaprShared.Kubernetes.Api;

/// <summary>A URL query string from name/value pairs, skipping the values that are null.</summary>
internal static class Query
{
    public static string Of(params (string Name, string? Value)[] parameters)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return query.ToString();
    }
}
