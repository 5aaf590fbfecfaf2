using System.Net;
using System.Text;
using DaprShared.FakeKubeApi;
using DaprShared.Kubernetes.Api;
using k8s;
using k8s.Models;
using PatchKind = DaprShared.Kubernetes.Api.PatchKind;

namespace DaprShared.Kubernetes.Tests.Api;

/// <summary>The client's calls against the fake API server over real HTTP: what it sends is what a kube-apiserver
/// accepts, and its errors carry the server's status and message.</summary>
public sealed class KubernetesApiClientTests : IAsyncLifetime
{
    private const string Ns = "shop";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private FakeKubeApiServer server = null!;
    private KubernetesApiClient client = null!;

    public async Task InitializeAsync()
    {
        server = await FakeKubeApiServer.StartAsync(new FakeKubeApiOptions { BookmarkInterval = TimeSpan.FromMilliseconds(100) });
        client = new KubernetesApiClient(server.ClientConfiguration());
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task GetAsync_ExistingObject_ReturnsItWithItsData()
    {
        server.Store.Put(ConfigMap("settings", ("mode", "fast")));

        var read = await client.GetAsync(ApiResources.ConfigMaps, Ns, "settings", CancellationToken.None);

        read.Metadata.Name.Should().Be("settings");
        read.Metadata.NamespaceProperty.Should().Be(Ns);
        read.Metadata.ResourceVersion.Should().NotBeNullOrEmpty();
        read.Data.Should().Equal(new Dictionary<string, string> { ["mode"] = "fast" });
    }

    [Fact]
    public async Task GetAsync_Missing_ThrowsNotFoundWithTheServersMessage()
    {
        var act = () => client.GetAsync(ApiResources.ConfigMaps, Ns, "absent", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<KubernetesApiException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.NotFound);
        error.Status.Should().NotBeNull();
        error.Status!.Reason.Should().Be("NotFound");
        error.Status.Message.Should().Be("configmaps \"absent\" not found");
        error.Message.Should().Contain("configmaps \"absent\" not found").And.Contain("/api/v1/namespaces/shop/configmaps/absent").And.Contain("404");
    }

    [Fact]
    public async Task CreateAsync_NewObject_ServerFieldsAreSetAndTheFieldManagerIsSent()
    {
        var mark = server.Requests.Mark();

        var created = await client.CreateAsync(ApiResources.ConfigMaps, ConfigMap("settings", ("mode", "fast")), Ns, "dapr-shared", CancellationToken.None);

        created.Metadata.Uid.Should().NotBeNullOrEmpty();
        created.Metadata.ResourceVersion.Should().NotBeNullOrEmpty();
        created.Metadata.CreationTimestamp.Should().NotBeNull();
        server.Store.Get<V1ConfigMap>(Ns, "settings")!.Data.Should().ContainKey("mode").WhoseValue.Should().Be("fast");
        var request = server.Requests.Since(mark).Should().ContainSingle().Subject;
        request.Verb.Should().Be(Verbs.Create);
        request.FieldManager.Should().Be("dapr-shared");
        request.ContentType.Should().StartWith("application/json");
    }

    [Fact]
    public async Task CreateAsync_ExistingName_ThrowsConflictAlreadyExists()
    {
        server.Store.Put(ConfigMap("settings"));

        var act = () => client.CreateAsync(ApiResources.ConfigMaps, ConfigMap("settings"), Ns, null, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<KubernetesApiException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.Conflict);
        error.Status!.Reason.Should().Be("AlreadyExists");
        error.Message.Should().Contain("already exists");
    }

    [Fact]
    public async Task ReplaceAsync_CurrentResourceVersion_ReplacesTheObject()
    {
        server.Store.Put(ConfigMap("settings", ("mode", "fast")));
        var live = await client.GetAsync(ApiResources.ConfigMaps, Ns, "settings", CancellationToken.None);
        live.Data["mode"] = "safe";

        var replaced = await client.ReplaceAsync(ApiResources.ConfigMaps, live, Ns, "settings", CancellationToken.None);

        replaced.Data["mode"].Should().Be("safe");
        replaced.Metadata.ResourceVersion.Should().NotBe(live.Metadata.ResourceVersion);
        server.Store.Get<V1ConfigMap>(Ns, "settings")!.Data["mode"].Should().Be("safe");
    }

    [Fact]
    public async Task ReplaceAsync_StaleResourceVersion_ThrowsConflictAndChangesNothing()
    {
        server.Store.Put(ConfigMap("settings", ("mode", "fast")));
        var stale = await client.GetAsync(ApiResources.ConfigMaps, Ns, "settings", CancellationToken.None);
        server.Store.Update<V1ConfigMap>(Ns, "settings", c => c.Data["mode"] = "changed-by-someone-else");
        stale.Data["mode"] = "mine";

        var act = () => client.ReplaceAsync(ApiResources.ConfigMaps, stale, Ns, "settings", CancellationToken.None);

        (await act.Should().ThrowAsync<KubernetesApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.Conflict);
        server.Store.Get<V1ConfigMap>(Ns, "settings")!.Data["mode"].Should().Be("changed-by-someone-else");
    }

    [Fact]
    public async Task ApplyAsync_NewObject_CreatesItOwnedByTheFieldManager()
    {
        var mark = server.Requests.Mark();

        var applied = await client.ApplyAsync(ApiResources.ConfigMaps, ConfigMap("settings", ("mode", "fast")), Ns, "settings", "dapr-shared", force: true, CancellationToken.None);

        applied.Data["mode"].Should().Be("fast");
        applied.Metadata.ManagedFields.Should().ContainSingle(f => f.Manager == "dapr-shared" && f.Operation == "Apply");
        var request = server.Requests.Since(mark).Should().ContainSingle().Subject;
        request.Verb.Should().Be(Verbs.Patch);
        request.ContentType.Should().Be("application/apply-patch+yaml");
        request.Query.Should().Contain("fieldManager=dapr-shared").And.Contain("force=true");
    }

    [Fact]
    public async Task ApplyAsync_FieldOwnedByAnotherManagerWithoutForce_ThrowsConflict()
    {
        await client.ApplyAsync(ApiResources.ConfigMaps, ConfigMap("settings", ("mode", "fast")), Ns, "settings", "someone-else", force: false, CancellationToken.None);

        var act = () => client.ApplyAsync(ApiResources.ConfigMaps, ConfigMap("settings", ("mode", "safe")), Ns, "settings", "dapr-shared", force: false, CancellationToken.None);

        (await act.Should().ThrowAsync<KubernetesApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.Conflict);
        server.Store.Get<V1ConfigMap>(Ns, "settings")!.Data["mode"].Should().Be("fast");
    }

    [Fact]
    public async Task PatchAsync_JsonPatch_ChangesTheField()
    {
        server.Store.Put(ConfigMap("settings", ("mode", "fast")));
        var patch = Encoding.UTF8.GetBytes("""[{"op":"replace","path":"/data/mode","value":"safe"},{"op":"add","path":"/data/extra","value":"1"}]""");

        var patched = await client.PatchAsync(ApiResources.ConfigMaps, PatchKind.Json, patch, Ns, "settings", "dapr-shared", force: false, subresource: null, CancellationToken.None);

        patched.Data.Should().Equal(new Dictionary<string, string> { ["mode"] = "safe", ["extra"] = "1" });
        server.Requests.All.Last().ContentType.Should().Be("application/json-patch+json");
    }

    [Fact]
    public async Task PatchAsync_JsonPatchFailedTest_ThrowsUnprocessableAndChangesNothing()
    {
        server.Store.Put(ConfigMap("settings", ("mode", "fast")));
        var patch = Encoding.UTF8.GetBytes("""[{"op":"test","path":"/data/mode","value":"other"},{"op":"replace","path":"/data/mode","value":"safe"}]""");

        var act = () => client.PatchAsync(ApiResources.ConfigMaps, PatchKind.Json, patch, Ns, "settings", null, force: false, subresource: null, CancellationToken.None);

        (await act.Should().ThrowAsync<KubernetesApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        server.Store.Get<V1ConfigMap>(Ns, "settings")!.Data["mode"].Should().Be("fast");
    }

    [Fact]
    public async Task DeleteAsync_MatchingUid_DeletesTheObject()
    {
        var uid = server.Store.Put(ConfigMap("settings")).Metadata.Uid;

        await client.DeleteAsync(ApiResources.ConfigMaps, Ns, "settings", uid, CancellationToken.None);

        server.Store.Get<V1ConfigMap>(Ns, "settings").Should().BeNull();
    }

    [Fact]
    public async Task DeleteAsync_NoUid_DeletesTheObject()
    {
        server.Store.Put(ConfigMap("settings"));

        await client.DeleteAsync(ApiResources.ConfigMaps, Ns, "settings", uid: null, CancellationToken.None);

        server.Store.Get<V1ConfigMap>(Ns, "settings").Should().BeNull();
    }

    [Fact]
    public async Task DeleteAsync_UidOfAReplacedObject_ThrowsConflictAndKeepsTheObject()
    {
        server.Store.Put(ConfigMap("settings"));

        var act = () => client.DeleteAsync(ApiResources.ConfigMaps, Ns, "settings", "uid-of-an-earlier-object", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<KubernetesApiException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.Conflict);
        error.Status!.Reason.Should().Be("Conflict");
        server.Store.Get<V1ConfigMap>(Ns, "settings").Should().NotBeNull();
    }

    [Fact]
    public async Task DeleteAsync_Missing_ThrowsNotFound()
    {
        var act = () => client.DeleteAsync(ApiResources.ConfigMaps, Ns, "absent", null, CancellationToken.None);

        (await act.Should().ThrowAsync<KubernetesApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListAsync_LabelSelector_ReturnsOnlyTheMatchingObjectsAndTheListVersion()
    {
        server.Store.Put(ConfigMap("a", labels: ("app", "x")));
        server.Store.Put(ConfigMap("b", labels: ("app", "y")));
        server.Store.Put(ConfigMap("c", labels: ("app", "x")));

        var list = await client.ListAsync(ApiResources.ConfigMaps, KubernetesModelJson.Default.V1ConfigMapList, Ns, new ListOptions(LabelSelector: "app=x"), CancellationToken.None);

        list.Items.Select(i => i.Metadata.Name).Should().BeEquivalentTo("a", "c");
        list.Metadata.ResourceVersion.Should().Be(server.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        server.Requests.All.Last().Query.Should().Contain("labelSelector=app%3Dx");
    }

    [Fact]
    public async Task WatchAsync_FromTheListVersion_YieldsAddedModifiedDeletedAndBookmarks()
    {
        var list = await client.ListAsync(ApiResources.ConfigMaps, KubernetesModelJson.Default.V1ConfigMapList, Ns, new ListOptions(), CancellationToken.None);
        server.Store.Put(ConfigMap("settings", ("mode", "fast")));
        server.Store.Update<V1ConfigMap>(Ns, "settings", c => c.Data["mode"] = "safe");
        server.Store.Delete<V1ConfigMap>(Ns, "settings");
        var errors = new List<Exception>();
        var events = new List<(WatchEventType Type, V1ConfigMap Object)>();
        using var stop = new CancellationTokenSource(Patience);

        await foreach (var change in client.WatchAsync(ApiResources.ConfigMaps, Ns, new ListOptions(ResourceVersion: list.Metadata.ResourceVersion), errors.Add, stop.Token))
        {
            events.Add(change);
            if (change.Type == WatchEventType.Bookmark)
            {
                break;
            }
        }

        errors.Should().BeEmpty();
        events.Select(e => e.Type).Should().Equal(WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted, WatchEventType.Bookmark);
        events[0].Object.Data["mode"].Should().Be("fast");
        events[1].Object.Data["mode"].Should().Be("safe");
        events[2].Object.Metadata.Name.Should().Be("settings");
        events[3].Object.Metadata.ResourceVersion.Should().Be(events[2].Object.Metadata.ResourceVersion, "a bookmark carries the version the watch has reached");
        var watch = server.Requests.All.Last(r => r.IsWatch);
        watch.Query.Should().Contain("allowWatchBookmarks=true").And.Contain("resourceVersion=" + list.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task WatchAsync_ResourceVersionTooOld_ReportsGoneToOnErrorAndEnds()
    {
        server.Store.Put(ConfigMap("settings"));
        var old = server.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        server.Store.Update<V1ConfigMap>(Ns, "settings", c => c.Data = new Dictionary<string, string> { ["mode"] = "safe" });
        server.Store.CompactHistory();
        var errors = new List<Exception>();
        var events = new List<WatchEventType>();
        using var stop = new CancellationTokenSource(Patience);

        await foreach (var change in client.WatchAsync(ApiResources.ConfigMaps, Ns, new ListOptions(ResourceVersion: old), errors.Add, stop.Token))
        {
            events.Add(change.Type);
        }

        stop.IsCancellationRequested.Should().BeFalse("the server ends the stream after the ERROR event");
        events.Should().BeEmpty();
        var error = errors.Should().ContainSingle().Which.Should().BeOfType<KubernetesException>().Subject;
        error.Status.Code.Should().Be(410);
        error.Status.Reason.Should().Be("Expired");
    }

    [Fact]
    public async Task WatchAsync_ServerAnswersGone_ThrowsKubernetesApiException()
    {
        server.Faults.FailNext(1, HttpStatusCode.Gone, r => r.IsWatch);

        var act = async () =>
        {
            await foreach (var unused in client.WatchAsync(ApiResources.ConfigMaps, Ns, new ListOptions(ResourceVersion: "1"), _ => { }, CancellationToken.None))
            {
            }
        };

        (await act.Should().ThrowAsync<KubernetesApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Requests_AlwaysCarryTheGivenUserAgent_NotTheLibrarys()
    {
        server.Store.Put(ConfigMap("settings"));
        var configuration = server.ClientConfiguration();
        configuration.UserAgent.Should().StartWith("kubernetes-csharp", "the library's default, which audit logs would otherwise show");
        using var unnamed = new KubernetesApiClient(configuration);
        using var identified = new KubernetesApiClient(configuration, "my-operator");

        await unnamed.GetAsync(ApiResources.ConfigMaps, Ns, "settings", CancellationToken.None);
        server.Requests.All.Last().UserAgent.Should().Be(KubernetesApiClient.DefaultUserAgent);
        await identified.GetAsync(ApiResources.ConfigMaps, Ns, "settings", CancellationToken.None);
        server.Requests.All.Last().UserAgent.Should().Be("my-operator");
    }

    private static V1ConfigMap ConfigMap(string name, (string Key, string Value)? data = null, (string Key, string Value)? labels = null) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = Ns,
            Labels = labels is { } l ? new Dictionary<string, string> { [l.Key] = l.Value } : null,
        },
        Data = data is { } d ? new Dictionary<string, string> { [d.Key] = d.Value } : null,
    };
}
