namespace DaprShared.FakeKubeApi;

/// <summary>A parsed resource URL: <c>/api/v1[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]</c> or the
/// same under <c>/apis/{group}/{version}</c>; the legacy <c>/watch/</c> prefix is accepted too.</summary>
internal sealed record ApiPath(string Group, string Version, string? Namespace, string Resource, string? Name, string Subresource, bool LegacyWatch)
{
    public static ApiPath? Parse(string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group;
        string version;
        int rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], 2);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], 3);
        }
        else
        {
            return null;
        }

        var parts = segments[rest..];
        var legacyWatch = false;
        if (parts.Length > 1 && parts[0] == "watch")
        {
            legacyWatch = true;
            parts = parts[1..];
        }

        string? ns = null;
        var isNamespaceSubresource = parts.Length == 3 && parts[0] == "namespaces" && parts[2] is "status" or "finalize";
        if (parts.Length >= 3 && parts[0] == "namespaces" && !isNamespaceSubresource)
        {
            ns = Uri.UnescapeDataString(parts[1]);
            parts = parts[2..];
        }

        if (parts.Length is 0 or > 3)
        {
            return null;
        }

        return new ApiPath(
            group,
            version,
            ns,
            parts[0],
            parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null,
            parts.Length > 2 ? parts[2] : "",
            legacyWatch);
    }
}
