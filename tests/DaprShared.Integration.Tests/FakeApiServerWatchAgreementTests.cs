using System.Globalization;
using System.Text.Json.Nodes;
using DaprShared.Integration.Tests.Infrastructure;

namespace DaprShared.Integration.Tests;

/// <summary>Watch streams of the fake API server against kube-apiserver v1.32: how a too-old resourceVersion is
/// refused (an ERROR event in a 200 stream, not an HTTP 410), what bookmarks look like, and what label- and
/// field-filtered watches report when an object starts or stops matching.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class FakeApiServerWatchAgreementTests : IAsyncLifetime
{
    private const string SingleForm = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";
    private const string ListForm = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

    private readonly RealCluster cluster;
    private AgreementServers servers = null!;

    public FakeApiServerWatchAgreementTests(RealCluster cluster) => this.cluster = cluster;

    public async Task InitializeAsync() => servers = await AgreementServers.StartAsync(cluster);

    public async Task DisposeAsync() => await servers.DisposeAsync();

    /// <summary>A watch from the version a list returned is fine; one from "1" (older than anything the server
    /// keeps: the watch cache of a custom resource starts when its CRD does) is a 200 stream with one ERROR event
    /// carrying a 410 Expired Status, then the end, whatever form the Accept header asks for.</summary>
    [RealClusterFact]
    public async Task Watch_FromTheListVersionAndFromOne_FakeAnswersLikeTheRealServer()
    {
        await Installed.EnsureAsync(cluster);
        var ns = await servers.NamespaceAsync("agree-gone");
        var secrets = $"/api/v1/namespaces/{ns}/secrets";
        var instances = $"/apis/dapr-shared.io/v1alpha1/namespaces/{ns}/daprsharedinstances";

        var (real, fake) = await servers.BothAsync(async api =>
        {
            var listed = await api.GetAsync(secrets);
            await api.PostAsync(secrets, Secret("a"));
            var instancesListed = await api.GetAsync(instances);
            return new[]
            {
                "list then watch: " + (await api.WatchAsync($"{secrets}?watch=true&resourceVersion={listed.ResourceVersion}&timeoutSeconds=20", stopAfter: 1)).Describe(),
                "list then watch, nothing new: " + (await api.WatchAsync($"{instances}?watch=true&resourceVersion={instancesListed.ResourceVersion}&timeoutSeconds=1")).Describe(),
                "from 1: " + (await api.WatchAsync($"{instances}?watch=true&resourceVersion=1&timeoutSeconds=20")).Describe(),
                "from 1, single form: " + (await api.WatchAsync($"{instances}?watch=true&resourceVersion=1&timeoutSeconds=20&allowWatchBookmarks=true", SingleForm)).Describe(),
                "from 1, list form: " + (await api.WatchAsync($"{instances}?watch=true&resourceVersion=1&timeoutSeconds=20", ListForm)).Describe(),
            };
        });

        const string Expired = "200 [ERROR Status Failure Expired code=410: too old resource version: 1 (<n>)] ended";
        real.Should().Equal(
            "list then watch: 200 [ADDED Secret v1 a] open",
            "list then watch, nothing new: 200 [] ended",
            "from 1: " + Expired,
            "from 1, single form: " + Expired,
            "from 1, list form: " + Expired);
        fake.Should().Equal(real);
    }

    /// <summary>With allowWatchBookmarks, an idle watch gets BOOKMARK events: an empty object of the kind (or a
    /// PartialObjectMetadata for a metadata watch) with only a resourceVersion that is at least the newest change the
    /// server has seen; without it, none. The real server sends them shortly before timeoutSeconds, once the
    /// resource has changed anywhere after the watch began (here: a Secret in another namespace). Secrets, because
    /// kube-controller-manager adds a ConfigMap to every new namespace whenever it gets to it.</summary>
    [RealClusterFact]
    public async Task Watch_Bookmarks_FakeSendsTheSameEventsAsTheRealServer()
    {
        var watched = await servers.NamespaceAsync("agree-bookmark");
        var elsewhere = await servers.NamespaceAsync("agree-elsewhere");
        var secrets = $"/api/v1/namespaces/{watched}/secrets";

        var (real, fake) = await servers.BothAsync(async api =>
        {
            var listed = await api.GetAsync(secrets);
            var watch = $"{secrets}?watch=true&resourceVersion={listed.ResourceVersion}&timeoutSeconds=4";
            var pending = 3;
            var changed = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task ChangeElsewhereWhenAllOpen()
            {
                if (Interlocked.Decrement(ref pending) == 0)
                {
                    var created = await api.PostAsync($"/api/v1/namespaces/{elsewhere}/secrets", Secret("elsewhere"));
                    changed.SetResult(long.Parse(created.Json!["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture));
                }
            }

            var answers = await Task.WhenAll(
                api.WatchAsync(watch + "&allowWatchBookmarks=true", whenOpen: ChangeElsewhereWhenAllOpen),
                api.WatchAsync(watch + "&allowWatchBookmarks=true", SingleForm, whenOpen: ChangeElsewhereWhenAllOpen),
                api.WatchAsync(watch, whenOpen: ChangeElsewhereWhenAllOpen));
            var change = await changed.Task;
            var bookmarkVersions = answers.SelectMany(a => a.Events)
                .Where(e => e["type"]?.GetValue<string>() == "BOOKMARK")
                .Select(e => long.Parse(e["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture));
            return new[]
            {
                "bookmarks: " + Distinct(answers[0]),
                "bookmarks, single form: " + Distinct(answers[1]),
                "no bookmarks asked: " + Distinct(answers[2]),
                "every bookmark at or after the change: " + bookmarkVersions.All(v => v >= change),
            };
        });

        real.Should().Equal(
            "bookmarks: 200 [BOOKMARK Secret v1 {creationTimestamp,resourceVersion}] ended",
            "bookmarks, single form: 200 [BOOKMARK PartialObjectMetadata meta.k8s.io/v1 {creationTimestamp,resourceVersion}] ended",
            "no bookmarks asked: 200 [] ended",
            "every bookmark at or after the change: True");
        fake.Should().Equal(real);
    }

    /// <summary>A label-filtered watch reports an object that stops matching as DELETED (with its last matching
    /// state) and one that matches again as ADDED; a watch pinned to a name by <c>fieldSelector=metadata.name=</c>
    /// (how the controller watches one ConfigMap) sees every change of that object and nothing else.</summary>
    [RealClusterFact]
    public async Task Watch_FilteredByLabelAndByName_FakeSendsTheSameEventsAsTheRealServer()
    {
        var ns = await servers.NamespaceAsync("agree-filtered");
        var configMaps = $"/api/v1/namespaces/{ns}/configmaps";

        var (real, fake) = await servers.BothAsync(async api =>
        {
            var listed = await api.GetAsync(configMaps);
            await api.PostAsync(configMaps, ConfigMap("a", ("app", "x")));
            await api.PostAsync(configMaps, ConfigMap("b", ("app", "x")));
            await api.PatchAsync($"{configMaps}/a", "application/merge-patch+json", Labels(("app", "y")));
            await api.PatchAsync($"{configMaps}/a", "application/merge-patch+json", Labels(("app", "x")));
            await api.DeleteAsync($"{configMaps}/a");
            var from = $"{configMaps}?watch=true&resourceVersion={listed.ResourceVersion}&timeoutSeconds=20";
            return new[]
            {
                "app=x: " + (await api.WatchAsync(from + "&labelSelector=app%3Dx", stopAfter: 5)).Describe(),
                "metadata.name=a: " + (await api.WatchAsync(from + "&fieldSelector=metadata.name%3Da", stopAfter: 4)).Describe(),
                "unknown field: " + (await api.WatchAsync(from + "&fieldSelector=data.k%3Dv")).Describe(),
            };
        });

        real.Should().Equal(
            "app=x: 200 [ADDED ConfigMap v1 a app=x, ADDED ConfigMap v1 b app=x, DELETED ConfigMap v1 a app=x, ADDED ConfigMap v1 a app=x, DELETED ConfigMap v1 a app=x] open",
            "metadata.name=a: 200 [ADDED ConfigMap v1 a app=x, MODIFIED ConfigMap v1 a app=y, MODIFIED ConfigMap v1 a app=x, DELETED ConfigMap v1 a app=x] open",
            "unknown field: 400 Status Failure BadRequest code=400: \"data.k\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
        fake.Should().Equal(real);
    }

    private static string Distinct(WatchAnswer answer) =>
        answer.Refusal?.Describe() ?? $"{answer.Status} [{string.Join(", ", answer.Events.Select(WatchAnswer.DescribeEvent).Distinct())}] {(answer.EndedByServer ? "ended" : "open")}";

    private static JsonObject ConfigMap(string name, params (string Key, string Value)[] labels)
    {
        var metadata = labels.Length == 0 ? new JsonObject() : Labels(labels)["metadata"]!.AsObject().DeepClone().AsObject();
        metadata["name"] = name;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = metadata,
            ["data"] = new JsonObject { ["k"] = "v" },
        };
    }

    private static JsonObject Secret(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["stringData"] = new JsonObject { ["k"] = "v" },
    };

    private static JsonObject Labels(params (string Key, string Value)[] labels)
    {
        var map = new JsonObject();
        foreach (var (key, value) in labels)
        {
            map[key] = value;
        }

        return new JsonObject { ["metadata"] = new JsonObject { ["labels"] = map } };
    }
}
