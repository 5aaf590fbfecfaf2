using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DaprShared.FakeKubeApi;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace DaprShared.Controller.Tests.FakeApi;

/// <summary>The fake behaves like kube-apiserver where the controller depends on it.</summary>
public sealed class FakeKubeApiTests : IAsyncLifetime
{
    private FakeKubeApiServer server = null!;
    private IKubernetes client = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        server = await FakeKubeApiServer.StartAsync(new FakeKubeApiOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200), GarbageCollectionDelay = TimeSpan.Zero });
        client = server.CreateClient();
        http = new HttpClient { BaseAddress = server.BaseUri };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task CreateGetList_RoundTripWithServerFields()
    {
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", ("x", "1")), "ns1");

        created.Metadata.Uid.Should().NotBeNullOrEmpty();
        created.Metadata.ResourceVersion.Should().NotBeNullOrEmpty();
        created.Metadata.CreationTimestamp.Should().NotBeNull();
        (await client.CoreV1.ReadNamespacedConfigMapAsync("a", "ns1")).Data["k"].Should().Be("v");
        (await client.CoreV1.ListConfigMapForAllNamespacesAsync(labelSelector: "x=1")).Items.Should().ContainSingle();
        (await client.CoreV1.ListConfigMapForAllNamespacesAsync(labelSelector: "x in (2,3)")).Items.Should().BeEmpty();
        (await client.CoreV1.ListNamespacedConfigMapAsync("other")).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Apply_Unchanged_NoNewResourceVersionNoWatchEvent_GenerationOnlyOnSpecChange()
    {
        var first = await Apply(Service("s", 80), "m");
        var second = await Apply(Service("s", 80), "m");
        second.Metadata.ResourceVersion.Should().Be(first.Metadata.ResourceVersion);
        first.Metadata.Generation.Should().Be(1);

        var labelled = Service("s", 80);
        labelled.Metadata.Labels = new Dictionary<string, string> { ["a"] = "b" };
        (await Apply(labelled, "m")).Metadata.Generation.Should().Be(1, "a metadata change is no new generation");
        var ported = Service("s", 81);
        ported.Metadata.Labels = labelled.Metadata.Labels;
        (await Apply(ported, "m")).Metadata.Generation.Should().Be(2);
    }

    [Fact]
    public async Task Apply_FieldNoLongerApplied_IsRemovedUnlessSomeoneElseOwnsIt()
    {
        var withLabels = Service("s", 80);
        withLabels.Metadata.Labels = new Dictionary<string, string> { ["keep"] = "1", ["drop"] = "2" };
        await Apply(withLabels, "m");
        await client.CoreV1.PatchNamespacedServiceAsync(new V1Patch("""{"metadata":{"labels":{"theirs":"3"}}}""", V1Patch.PatchType.MergePatch), "s", "ns1", fieldManager: "other");

        var fewer = Service("s", 80);
        fewer.Metadata.Labels = new Dictionary<string, string> { ["keep"] = "1" };
        var result = await Apply(fewer, "m");

        result.Metadata.Labels.Should().Equal(new Dictionary<string, string> { ["keep"] = "1", ["theirs"] = "3" });
    }

    [Fact]
    public async Task Apply_AbsentObject_CreatesIt201WithApplyManagedFields()
    {
        using var response = await client.CoreV1.PatchNamespacedServiceWithHttpMessagesAsync(
            new V1Patch(Service("s", 80), V1Patch.PatchType.ApplyPatch), "s", "ns1", fieldManager: "m");

        response.Response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Body.Metadata.ManagedFields.Should().ContainSingle(f => f.Manager == "m" && f.Operation == "Apply");
        response.Body.Spec.ClusterIP.Should().NotBeNullOrEmpty("the server fills in defaults");
        response.Body.Spec.Ports[0].TargetPort.Value.Should().Be("80");
    }

    [Fact]
    public async Task Apply_YamlBodyAndMissingFieldManager()
    {
        var yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\ndata:\n  key: 'value'\n";
        var request = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/namespaces/ns1/configmaps/y?fieldManager=m")
        {
            Content = new StringContent(yaml, Encoding.UTF8, new MediaTypeHeaderValue("application/apply-patch+yaml")),
        };
        (await http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Created);
        server.Store.Get<V1ConfigMap>("ns1", "y")!.Data["key"].Should().Be("value");

        var noManager = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/namespaces/ns1/configmaps/y")
        {
            Content = new StringContent(yaml, Encoding.UTF8, new MediaTypeHeaderValue("application/apply-patch+yaml")),
        };
        (await http.SendAsync(noManager)).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "the real server validates PatchOptions");
    }

    [Fact]
    public async Task StatusSubresource_MainWritesKeepStatusStatusWritesKeepSpec()
    {
        server.Store.Put(new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = "d", NamespaceProperty = "ns1" },
            Spec = new V1DeploymentSpec { Replicas = 1, Selector = new V1LabelSelector(), Template = new V1PodTemplateSpec() },
            Status = new V1DeploymentStatus { AvailableReplicas = 1 },
        });

        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":3},"status":{"availableReplicas":9}}""", V1Patch.PatchType.MergePatch), "d", "ns1");
        var afterMain = server.Store.Get<V1Deployment>("ns1", "d")!;
        afterMain.Spec.Replicas.Should().Be(3);
        afterMain.Status.AvailableReplicas.Should().Be(1);

        await client.AppsV1.PatchNamespacedDeploymentStatusAsync(new V1Patch("""{"spec":{"replicas":5},"status":{"availableReplicas":3}}""", V1Patch.PatchType.MergePatch), "d", "ns1");
        var afterStatus = server.Store.Get<V1Deployment>("ns1", "d")!;
        afterStatus.Spec.Replicas.Should().Be(3);
        afterStatus.Status.AvailableReplicas.Should().Be(3);
    }

    [Fact]
    public async Task JsonPatchAndStrategicMerge()
    {
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", ("x", "1")), "ns1");

        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""[{"op":"add","path":"/metadata/labels/y~1z","value":"2"},{"op":"remove","path":"/metadata/labels/x"}]""", V1Patch.PatchType.JsonPatch), "a", "ns1");
        server.Store.Get<V1ConfigMap>("ns1", "a")!.Metadata.Labels.Should().Equal(new Dictionary<string, string> { ["y/z"] = "2" });

        var failedTest = () => client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""[{"op":"test","path":"/data/k","value":"nope"}]""", V1Patch.PatchType.JsonPatch), "a", "ns1");
        (await failedTest.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);

        server.Store.Put(new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns1" }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "a", Image = "a:1" }, new V1Container { Name = "b", Image = "b:1" }] } });
        await client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"spec":{"containers":[{"name":"b","image":"b:2"}]}}""", V1Patch.PatchType.StrategicMergePatch), "p", "ns1");
        server.Store.Get<V1Pod>("ns1", "p")!.Spec.Containers.Select(c => c.Image).Should().Equal("a:1", "b:2");
    }

    [Fact]
    public async Task Watch_FromCompactedVersion_Error410()
    {
        var old = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "ns1");
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), "ns1");
        server.Store.CompactHistory();
        Exception? error = null;

        await foreach (var _ in client.CoreV1.WatchListNamespacedConfigMapAsync("ns1", resourceVersion: old.Metadata.ResourceVersion, onError: e => error = e))
        {
        }

        error.Should().BeOfType<KubernetesException>().Which.Status.Code.Should().Be(410);
    }

    [Fact]
    public async Task Watch_ExpireWatches_Sends410AndEnds_BookmarksCarryTheVersion()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Exception? error = null;
        var seen = new List<(WatchEventType, string?)>();
        var watch = Task.Run(async () =>
        {
            await foreach (var (type, item) in client.CoreV1.WatchListNamespacedConfigMapAsync("ns1", allowWatchBookmarks: true, onError: e => error = e, cancellationToken: cts.Token))
            {
                seen.Add((type, item.Metadata?.ResourceVersion));
                if (type == WatchEventType.Bookmark)
                {
                    server.Store.ExpireWatches();
                }
            }
        });

        await watch;
        seen.Should().Contain(e => e.Item1 == WatchEventType.Bookmark && e.Item2 == server.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        error.Should().BeOfType<KubernetesException>().Which.Status.Code.Should().Be(410);
    }

    [Fact]
    public async Task Delete_Owner_DependentsCollectedUnlessAnotherOwnerRemains()
    {
        var owner1 = server.Store.Put(ConfigMap("owner1"));
        var owner2 = server.Store.Put(ConfigMap("owner2"));
        server.Store.Put(Owned(ConfigMap("only-1"), owner1));
        server.Store.Put(Owned(ConfigMap("both"), owner1, owner2));
        server.Store.Put(Owned(ConfigMap("grandchild"), server.Store.Get<V1ConfigMap>("ns1", "only-1")!));

        await client.CoreV1.DeleteNamespacedConfigMapAsync("owner1", "ns1");
        await server.Store.WaitForGarbageCollectionAsync(TimeSpan.FromSeconds(5));

        server.Store.Get<V1ConfigMap>("ns1", "only-1").Should().BeNull();
        server.Store.Get<V1ConfigMap>("ns1", "grandchild").Should().BeNull("collection cascades");
        server.Store.Get<V1ConfigMap>("ns1", "both")!.Metadata.OwnerReferences.Should().ContainSingle(r => r.Uid == owner2.Metadata.Uid, "the dangling reference is removed");
    }

    [Fact]
    public async Task Delete_OrphanPropagation_KeepsDependents()
    {
        var owner = server.Store.Put(ConfigMap("owner"));
        server.Store.Put(Owned(ConfigMap("child"), owner));

        await client.CoreV1.DeleteNamespacedConfigMapAsync("owner", "ns1", propagationPolicy: "Orphan");
        await server.Store.WaitForGarbageCollectionAsync(TimeSpan.FromSeconds(5));

        server.Store.Get<V1ConfigMap>("ns1", "child")!.Metadata.OwnerReferences.Should().BeNullOrEmpty();
    }

    [Fact]
    public async Task Delete_WithFinalizer_MarkedUntilTheFinalizerIsRemoved()
    {
        var map = ConfigMap("f");
        map.Metadata.Finalizers = ["example.com/hold"];
        server.Store.Put(map);

        await client.CoreV1.DeleteNamespacedConfigMapAsync("f", "ns1");
        server.Store.Get<V1ConfigMap>("ns1", "f")!.Metadata.DeletionTimestamp.Should().NotBeNull();

        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "f", "ns1");
        server.Store.Get<V1ConfigMap>("ns1", "f").Should().BeNull();
    }

    [Fact]
    public async Task Faults_FailNextDelayAndDrop()
    {
        var fail = server.Faults.FailNext(2, HttpStatusCode.ServiceUnavailable, r => r.Resource == "configmaps");
        var attempt = () => client.CoreV1.ListNamespacedConfigMapAsync("ns1");
        (await attempt.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        await attempt.Should().ThrowAsync<HttpOperationException>();
        await attempt.Should().NotThrowAsync();
        fail.Hits.Should().Be(2);

        server.Faults.Delay(TimeSpan.FromMilliseconds(300), count: 1);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await client.CoreV1.ListNamespacedConfigMapAsync("ns1");
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(250));

        server.Faults.Drop(1);
        await attempt.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task StopAndRestart_RefusedWhileDownSamePortAndDataAfter()
    {
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "ns1");
        var port = server.Port;

        await server.StopAsync();
        var down = () => client.CoreV1.ReadNamespacedConfigMapAsync("a", "ns1");
        await down.Should().ThrowAsync<HttpRequestException>();

        await server.RestartAsync();
        server.Port.Should().Be(port);
        (await client.CoreV1.ReadNamespacedConfigMapAsync("a", "ns1")).Metadata.Name.Should().Be("a");
    }

    [Fact]
    public async Task MetadataOnlyAccept_FormThatDoesNotFit_406ForGetAndListEndedStreamForWatch()
    {
        server.Store.Put(new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns1" } });
        const string Single = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";
        const string List = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

        (await Send("/api/v1/namespaces/ns1/pods", Single)).StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
        (await Send("/api/v1/namespaces/ns1/pods/p", List)).StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
        using var watch = await Send("/api/v1/namespaces/ns1/pods?watch=true&timeoutSeconds=5", List);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        watch.StatusCode.Should().Be(HttpStatusCode.OK);
        (await watch.Content.ReadAsStringAsync()).Should().BeEmpty("kube-apiserver ends the stream at the first event it cannot turn into a list");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(4));
        using var metadataWatch = await Send("/api/v1/namespaces/ns1/pods?watch=true&timeoutSeconds=1", Single);
        (await metadataWatch.Content.ReadAsStringAsync()).Should().Contain("\"kind\":\"PartialObjectMetadata\"").And.NotContain("\"spec\"");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json;as=PartialObjectMetadata")]
    [InlineData("application/json;as=Table;g=meta.k8s.io;v=v1")]
    public async Task Accept_NothingTheFakeCanServe_406NotAcceptable(string accept)
    {
        var response = await Send("/api/v1/namespaces/ns1/configmaps", accept);

        response.StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["reason"]!.GetValue<string>().Should().Be("NotAcceptable");
    }

    [Fact]
    public async Task List_LimitAndContinue_PagesInKeyOrder()
    {
        foreach (var name in new[] { "c", "a", "b" })
        {
            server.Store.Put(ConfigMap(name));
        }

        var first = await client.CoreV1.ListNamespacedConfigMapAsync("ns1", limit: 2);
        var rest = await client.CoreV1.ListNamespacedConfigMapAsync("ns1", limit: 2, continueParameter: first.Metadata.ContinueProperty);

        first.Items.Select(i => i.Metadata.Name).Should().Equal("a", "b");
        first.Metadata.RemainingItemCount.Should().Be(1);
        rest.Items.Select(i => i.Metadata.Name).Should().Equal("c");
        rest.Metadata.ContinueProperty.Should().BeNull();
    }

    [Fact]
    public async Task FieldSelector_FieldTheResourceDoesNotSupport_400()
    {
        var response = await http.GetAsync("/api/v1/configmaps?fieldSelector=" + Uri.EscapeDataString("data.k=v"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("is not a known field selector");
    }

    [Fact]
    public async Task RequestLog_ClassifiesVerbsAndCountsWrites()
    {
        var mark = server.Requests.Mark();
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "ns1");
        await client.CoreV1.ReadNamespacedConfigMapAsync("a", "ns1");
        await client.CoreV1.ListNamespacedConfigMapAsync("ns1");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("a", "ns1");

        server.Requests.Since(mark).Select(r => r.Verb).Should().Equal(Verbs.Create, Verbs.Get, Verbs.List, Verbs.Delete);
        server.Requests.Writes(mark).Should().HaveCount(2);
    }

    [Fact]
    public async Task Leases_ForLeaderElection()
    {
        var lease = await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "l" }, Spec = new V1LeaseSpec { HolderIdentity = "a" } }, "ns1");
        lease.Spec.HolderIdentity = "b";
        (await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "l", "ns1")).Spec.HolderIdentity.Should().Be("b");
        var stale = () => client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "l", "ns1");
        (await stale.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Defaults_QuantitiesCanonicalAndPodDefaults()
    {
        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = "d", NamespaceProperty = "ns1" },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector(),
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec
                    {
                        Containers = [new V1Container { Name = "c", Image = "i:1", Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("0.5") } } }],
                    },
                },
            },
        };

        var applied = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(deployment, V1Patch.PatchType.ApplyPatch), "d", "ns1", fieldManager: "m");

        var container = applied.Spec.Template.Spec.Containers[0];
        container.Resources.Limits["cpu"].ToString().Should().Be("500m");
        container.ImagePullPolicy.Should().Be("IfNotPresent");
        applied.Spec.Replicas.Should().Be(1);
    }

    [Theory]
    [InlineData("a=1", true)]
    [InlineData("a==1,b", true)]
    [InlineData("a!=2", true)]
    [InlineData("!c", true)]
    [InlineData("a in (1, 2),b notin (x)", true)]
    [InlineData("b=3", false)]
    [InlineData("c", false)]
    public void LabelSelector_Matches(string selector, bool expected) =>
        LabelSelector.Parse(selector).Matches(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }).Should().Be(expected);

    private async Task<V1Service> Apply(V1Service service, string manager, bool force = true) =>
        await client.CoreV1.PatchNamespacedServiceAsync(new V1Patch(service, V1Patch.PatchType.ApplyPatch), service.Metadata.Name, "ns1", fieldManager: manager, force: force);

    private static async Task<List<(WatchEventType, string)>> Collect(IAsyncEnumerable<(WatchEventType, V1ConfigMap)> events, int count)
    {
        var result = new List<(WatchEventType, string)>();
        await foreach (var (type, item) in events)
        {
            result.Add((type, item.Metadata.Name));
            if (result.Count == count)
            {
                break;
            }
        }

        return result;
    }

    private static V1ConfigMap ConfigMap(string name, params (string Key, string Value)[] labels) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns1", Labels = labels.Length == 0 ? null : labels.ToDictionary(l => l.Key, l => l.Value) },
        Data = new Dictionary<string, string> { ["k"] = "v" },
    };

    private static V1ConfigMap Owned(V1ConfigMap map, params V1ConfigMap[] owners)
    {
        map.Metadata.OwnerReferences = owners.Select(o => new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = o.Metadata.Name, Uid = o.Metadata.Uid }).ToList();
        return map;
    }

    private static V1Service Service(string name, int port) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns1" },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = port }] },
    };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> Send(string path, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return http.SendAsync(request);
    }
}
