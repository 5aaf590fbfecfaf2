namespace DaprShared.FakeKubeApi;

/// <summary>One REST resource the fake serves, e.g. <c>apps/v1 deployments</c>.</summary>
/// <param name="Group">API group; empty for the core group (<c>/api/v1</c>).</param>
/// <param name="Version">API version, e.g. <c>v1</c>.</param>
/// <param name="Plural">The resource name in URLs, e.g. <c>deployments</c>.</param>
/// <param name="Kind">The object kind, e.g. <c>Deployment</c>.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
/// <param name="HasStatusSubresource">When true, writes to the main resource keep the live <c>status</c> and
/// writes to <c>/status</c> change only <c>status</c>, as on a real API server.</param>
public sealed record ResourceType(
    string Group,
    string Version,
    string Plural,
    string Kind,
    bool Namespaced,
    bool HasStatusSubresource = false)
{
    /// <summary>When true, a DELETE answers with the deleted object (pods, services, service accounts and namespaces
    /// on a real server); otherwise with a <c>Status</c> of <c>Success</c>. An object kept by its finalizers is
    /// always returned.</summary>
    public bool ReturnsDeletedObject { get; init; }

    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    public string ListKind => Kind + "List";

    /// <summary>The <c>resource.group</c> form the real server uses in error messages.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : Plural + "." + Group;
}
