namespace DaprShared.Kubernetes.Api;

/// <summary>Query parameters of list and watch calls.</summary>
/// <param name="LabelSelector">e.g. <c>app.kubernetes.io/managed-by=my-operator</c>.</param>
/// <param name="FieldSelector">e.g. <c>metadata.name=my-settings</c>.</param>
/// <param name="Limit">Page size of a list.</param>
/// <param name="Continue">The continue token of the previous page.</param>
/// <param name="ResourceVersion">Where a watch starts.</param>
/// <param name="TimeoutSeconds">How long the server keeps a watch open.</param>
/// <param name="MetadataOnly">Ask for PartialObjectMetadata instead of whole objects (the client picks the list or
/// the watch form of the media type, <see cref="MetadataMediaTypes"/>).</param>
public sealed record ListOptions(
    string? LabelSelector = null,
    string? FieldSelector = null,
    int? Limit = null,
    string? Continue = null,
    string? ResourceVersion = null,
    int? TimeoutSeconds = null,
    bool MetadataOnly = false)
{
    internal string Query(bool watch = false) => Api.Query.Of(
        ("labelSelector", LabelSelector),
        ("fieldSelector", FieldSelector),
        ("limit", Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("continue", Continue),
        ("resourceVersion", ResourceVersion),
        ("timeoutSeconds", TimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("watch", watch ? "true" : null),
        ("allowWatchBookmarks", watch ? "true" : null));
}
