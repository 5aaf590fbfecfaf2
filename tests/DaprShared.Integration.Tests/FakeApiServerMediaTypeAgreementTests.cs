using DaprShared.Integration.Tests.Infrastructure;
using DaprShared.Kubernetes.Api;
using k8s;

namespace DaprShared.Integration.Tests;

/// <summary>The fake API server negotiates the Accept header like kube-apiserver v1.32 for get, list and watch: the
/// metadata-only forms the product sends, the wrong combinations (how the controller once saw no pod on a real
/// cluster while every fake-based test passed), and headers nothing can serve. Each scenario sends the same raw
/// requests to both servers; the real answers are spelled out, and the fake's must be the same.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class FakeApiServerMediaTypeAgreementTests : IAsyncLifetime
{
    /// <summary>src/DaprShared.Controller/Api/MetadataMediaTypes.cs: what the product asks for when it lists.</summary>
    private const string ListForm = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

    /// <summary>What the product asks for when it watches (and what a get would need).</summary>
    private const string SingleForm = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";

    private const string Json = "application/json";
    private const string Unservable = "text/plain";
    private const string UnknownTransform = "application/json;as=Frobnicated;g=meta.k8s.io;v=v1";

    private const string Representations = "application/json, application/yaml, application/vnd.kubernetes.protobuf";
    private const string StreamRepresentations = Representations + ", application/json;stream=watch, application/vnd.kubernetes.protobuf;stream=watch";

    private readonly RealCluster cluster;
    private AgreementServers servers = null!;

    public FakeApiServerMediaTypeAgreementTests(RealCluster cluster) => this.cluster = cluster;

    public async Task InitializeAsync() => servers = await AgreementServers.StartAsync(cluster);

    public async Task DisposeAsync() => await servers.DisposeAsync();

    [RealClusterFact]
    public async Task List_EachAcceptForm_FakeAnswersLikeTheRealServer()
    {
        var ns = await servers.NamespaceAsync("agree-list");
        var pods = $"/api/v1/namespaces/{ns}/pods";

        var (real, fake) = await servers.BothAsync(async api =>
        {
            await CreatePodAsync(api, ns, "plain-1");
            return new[]
            {
                "list form: " + (await api.GetAsync(pods, ListForm)).Describe(),
                "single form: " + (await api.GetAsync(pods, SingleForm)).Describe(),
                "json: " + (await api.GetAsync(pods, Json)).Describe(),
                "list form preferred by q: " + (await api.GetAsync(pods, "application/json;q=0.5,application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1")).Describe(),
                "unknown meta version, then json: " + (await api.GetAsync(pods, "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v2,application/json")).Describe(),
                "unknown transform: " + (await api.GetAsync(pods, UnknownTransform)).Describe(),
                "unservable: " + (await api.GetAsync(pods, Unservable)).Describe(),
            };
        });

        real.Should().Equal(
            "list form: 200 PartialObjectMetadataList meta.k8s.io/v1 [PartialObjectMetadata meta.k8s.io/v1 plain-1]",
            "single form: 406 Status Failure NotAcceptable code=406: you requested PartialObjectMetadata, but the requested object is a list (*core.PodList)",
            "json: 200 PodList v1 [- plain-1]",
            "list form preferred by q: 200 PartialObjectMetadataList meta.k8s.io/v1 [PartialObjectMetadata meta.k8s.io/v1 plain-1]",
            "unknown meta version, then json: 200 PodList v1 [- plain-1]",
            "unknown transform: 406 Status Failure NotAcceptable code=406: only the following media types are accepted: " + Representations,
            "unservable: 406 Status Failure NotAcceptable code=406 details={}: 406: Not Acceptable\n\nAvailable representations: " + StreamRepresentations);
        fake.Should().Equal(real);
    }

    [RealClusterFact]
    public async Task Get_EachAcceptForm_FakeAnswersLikeTheRealServer()
    {
        var ns = await servers.NamespaceAsync("agree-get");
        var pod = $"/api/v1/namespaces/{ns}/pods/plain-1";

        var (real, fake) = await servers.BothAsync(async api =>
        {
            await CreatePodAsync(api, ns, "plain-1");
            return new[]
            {
                "single form: " + (await api.GetAsync(pod, SingleForm)).Describe(),
                "single form v1beta1: " + (await api.GetAsync(pod, "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1beta1")).Describe(),
                "list form: " + (await api.GetAsync(pod, ListForm)).Describe(),
                "json: " + (await api.GetAsync(pod, Json)).Describe(),
                "no accept: " + (await api.GetAsync(pod)).Describe(),
                "missing, list form: " + (await api.GetAsync($"/api/v1/namespaces/{ns}/pods/absent", ListForm)).Describe(),
                "unservable: " + (await api.GetAsync(pod, Unservable)).Describe(),
            };
        });

        real.Should().Equal(
            "single form: 200 PartialObjectMetadata meta.k8s.io/v1 plain-1",
            "single form v1beta1: 200 PartialObjectMetadata meta.k8s.io/v1beta1 plain-1",
            "list form: 406 Status Failure NotAcceptable code=406: you requested PartialObjectMetadataList, but the requested object is not a list (*core.Pod)",
            "json: 200 Pod v1 plain-1",
            "no accept: 200 Pod v1 plain-1",
            """missing, list form: 404 Status Failure NotFound code=404 details={"name":"absent","kind":"pods"}: pods "absent" not found""",
            "unservable: 406 Status Failure NotAcceptable code=406 details={}: 406: Not Acceptable\n\nAvailable representations: " + Representations);
        fake.Should().Equal(real);
    }

    /// <summary>The case that hid the bug: a watch asking for the List form is accepted (200) and then ends without an
    /// event, because the server cannot turn a single object into a list.</summary>
    [RealClusterFact]
    public async Task Watch_EachAcceptForm_FakeAnswersLikeTheRealServer()
    {
        var ns = await servers.NamespaceAsync("agree-watch");
        var pods = $"/api/v1/namespaces/{ns}/pods";

        var (real, fake) = await servers.BothAsync(async api =>
        {
            var listed = await api.GetAsync(pods);
            await CreatePodAsync(api, ns, "plain-1");
            var watch = $"{pods}?watch=true&resourceVersion={listed.ResourceVersion}&timeoutSeconds=20";
            return new[]
            {
                "single form: " + (await api.WatchAsync(watch, SingleForm, stopAfter: 1)).Describe(),
                "list form: " + (await api.WatchAsync(watch, ListForm, stopAfter: 1)).Describe(),
                "json: " + (await api.WatchAsync(watch, Json, stopAfter: 1)).Describe(),
                "unservable: " + (await api.WatchAsync(watch, Unservable)).Describe(),
            };
        });

        real.Should().Equal(
            "single form: 200 [ADDED PartialObjectMetadata meta.k8s.io/v1 plain-1 app=plain] open",
            "list form: 200 [] ended",
            "json: 200 [ADDED Pod v1 plain-1 app=plain] open",
            "unservable: 406 Status Failure NotAcceptable code=406 details={}: 406: Not Acceptable\n\nAvailable representations: " + StreamRepresentations);
        fake.Should().Equal(real);
    }

    /// <summary>The product's own API client (metadata-only list, then watch from the list's version) gets the pods
    /// from the real server, and the same from the fake.</summary>
    [RealClusterFact]
    public async Task ProductClient_MetadataOnlyListThenWatch_SeesThePodsOnBothServers()
    {
        var ns = await servers.NamespaceAsync("agree-client");

        var (real, fake) = await servers.BothAsync(async api =>
        {
            await CreatePodAsync(api, ns, "plain-1");
            using var client = new KubernetesApiClient(api == servers.RealApi
                ? KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Kubeconfig)
                : servers.Fake.ClientConfiguration());
            var selection = new ListOptions(LabelSelector: "app=plain", MetadataOnly: true);
            var list = await client.ListAsync(ApiResources.Pods, KubernetesModelJson.Default.V1PodList, ns, selection with { Limit = 500 }, CancellationToken.None);
            await CreatePodAsync(api, ns, "plain-2");
            var errors = new List<Exception>();
            string? watched = null;
            var watchedSpec = false;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await foreach (var (type, pod) in client.WatchAsync(ApiResources.Pods, ns, selection with { ResourceVersion = list.Metadata.ResourceVersion, TimeoutSeconds = 20 }, errors.Add, stop.Token))
            {
                watched = $"{type} {pod.Metadata.Name}";
                watchedSpec = pod.Spec is not null;
                break;
            }

            return $"listed [{string.Join(", ", list.Items.Select(p => p.Metadata.Name))}] with spec: {list.Items.Any(p => p.Spec is not null)}; " +
                $"watched {watched ?? "nothing"} with spec: {watchedSpec}; errors: {errors.Count}";
        });

        real.Should().Be("listed [plain-1] with spec: False; watched Added plain-2 with spec: False; errors: 0");
        fake.Should().Be(real);
    }

    private static async Task CreatePodAsync(RawApiClient api, string ns, string name)
    {
        var created = await api.PostAsync($"/api/v1/namespaces/{ns}/pods", FixturePods.PodJson(FixturePods.Plain, name));
        created.Status.Should().Be(201, $"the {api.Name} server creates the pod: {created.Describe()}");
    }
}
