using System.Text.Json.Serialization.Metadata;
using DaprShared.Kubernetes.Api;
using k8s;
using k8s.Models;

namespace DaprShared.Kubernetes.Runtime;

/// <summary>List-then-watch of one kind through <see cref="KubernetesApiClient"/>: the list is read in pages, the
/// watch starts from the list's resourceVersion with the same selectors.</summary>
public sealed class ApiWatchSource<T, TList> : IWatchSource<T>
    where T : class
    where TList : class, IKubernetesObject<V1ListMeta>, IItems<T>
{
    private const int PageSize = 500;

    private readonly KubernetesApiClient client;
    private readonly ApiResource<T> resource;
    private readonly JsonTypeInfo<TList> listType;
    private readonly string? @namespace;
    private readonly ListOptions selection;

    /// <param name="client">The API client.</param>
    /// <param name="resource">The kind.</param>
    /// <param name="listType">Its list type's JSON.</param>
    /// <param name="namespace">One namespace, or null for all.</param>
    /// <param name="selection">Selectors and media type for both the list and the watch.</param>
    /// <param name="name">The name in logs and metrics; the plural by default.</param>
    public ApiWatchSource(KubernetesApiClient client, ApiResource<T> resource, JsonTypeInfo<TList> listType, string? @namespace, ListOptions selection, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        this.client = client;
        this.resource = resource;
        this.listType = listType;
        this.@namespace = @namespace;
        this.selection = selection;
        Resource = name ?? resource.Plural;
    }

    public string Resource { get; }

    public async Task<(IReadOnlyList<T> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? next = null;
        string resourceVersion;
        do
        {
            var page = await client.ListAsync(resource, listType, @namespace, selection with { Limit = PageSize, Continue = next }, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items ?? []);
            next = page.Metadata?.ContinueProperty;
            resourceVersion = page.Metadata?.ResourceVersion ?? "";
        }
        while (!string.IsNullOrEmpty(next));

        return (items, resourceVersion);
    }

    public IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, int timeoutSeconds, Action<Exception> onError, CancellationToken cancellationToken) =>
        client.WatchAsync(resource, @namespace, selection with { ResourceVersion = resourceVersion, TimeoutSeconds = timeoutSeconds }, onError, cancellationToken);
}
