using System.Text.Json.Nodes;
using DaprShared.Integration.Tests.Infrastructure;

namespace DaprShared.Integration.Tests;

/// <summary>Lists of the fake API server against kube-apiserver v1.32: field selectors (only the fields the real
/// server allows), label selectors, and <c>limit</c>/<c>continue</c> paging, which the product's informers use.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class FakeApiServerListAgreementTests : IAsyncLifetime
{
    private const string ListForm = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

    private readonly RealCluster cluster;
    private AgreementServers servers = null!;

    public FakeApiServerListAgreementTests(RealCluster cluster) => this.cluster = cluster;

    public async Task InitializeAsync() => servers = await AgreementServers.StartAsync(cluster);

    public async Task DisposeAsync() => await servers.DisposeAsync();

    [RealClusterFact]
    public async Task Selectors_FieldAndLabel_FakeAnswersLikeTheRealServer()
    {
        var ns = await servers.NamespaceAsync("agree-select");
        var secrets = $"/api/v1/namespaces/{ns}/secrets";

        var (real, fake) = await servers.BothAsync(async api =>
        {
            foreach (var (name, app) in new[] { ("a", "x"), ("b", "x"), ("c", "y") })
            {
                await api.PostAsync(secrets, Secret(name, app));
            }

            async Task<string> Select(string query) => (await api.GetAsync($"{secrets}?{query}")).Describe();
            return new[]
            {
                "metadata.name=a: " + await Select("fieldSelector=" + Uri.EscapeDataString("metadata.name=a")),
                "metadata.name==a: " + await Select("fieldSelector=" + Uri.EscapeDataString("metadata.name==a")),
                "metadata.name!=a: " + await Select("fieldSelector=" + Uri.EscapeDataString("metadata.name!=a")),
                "metadata.namespace: " + await Select("fieldSelector=" + Uri.EscapeDataString("metadata.namespace=" + ns)),
                "a field Secrets cannot be selected by: " + await Select("fieldSelector=" + Uri.EscapeDataString("data.k=v")),
                "a Secret field: " + await Select("fieldSelector=" + Uri.EscapeDataString("type=Opaque")),
                "a ServiceAccount field: " + (await api.GetAsync($"/api/v1/namespaces/{ns}/serviceaccounts?fieldSelector=" + Uri.EscapeDataString("type=Opaque"))).Describe(),
                "a label as a field: " + await Select("fieldSelector=" + Uri.EscapeDataString("metadata.labels.app=x")),
                "no operator: " + await Select("fieldSelector=metadata.name"),
                "a pod field on pods: " + (await api.GetAsync($"/api/v1/namespaces/{ns}/pods?fieldSelector=" + Uri.EscapeDataString("spec.nodeName=n1"))).Describe(),
                "an unknown pod field: " + (await api.GetAsync($"/api/v1/namespaces/{ns}/pods?fieldSelector=" + Uri.EscapeDataString("spec.foo=x"))).Describe(),
                "app=x: " + await Select("labelSelector=" + Uri.EscapeDataString("app=x")),
                "app in (x,y),app!=y: " + await Select("labelSelector=" + Uri.EscapeDataString("app in (x,y),app!=y")),
                "!app: " + await Select("labelSelector=" + Uri.EscapeDataString("!app")),
                "malformed set: " + await Select("labelSelector=" + Uri.EscapeDataString("app in x")),
            };
        });

        real.Should().Equal(
            "metadata.name=a: 200 SecretList v1 [- a]",
            "metadata.name==a: 200 SecretList v1 [- a]",
            "metadata.name!=a: 200 SecretList v1 [- b, - c]",
            "metadata.namespace: 200 SecretList v1 [- a, - b, - c]",
            "a field Secrets cannot be selected by: 400 Status Failure BadRequest code=400: field label not supported: data.k",
            "a Secret field: 200 SecretList v1 [- a, - b, - c]",
            "a ServiceAccount field: 400 Status Failure BadRequest code=400: \"type\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
            "a label as a field: 400 Status Failure BadRequest code=400: field label not supported: metadata.labels.app",
            "no operator: 400 Status Failure BadRequest code=400: invalid selector: 'metadata.name'; can't understand 'metadata.name'",
            "a pod field on pods: 200 PodList v1 []",
            "an unknown pod field: 400 Status Failure BadRequest code=400: field label not supported: spec.foo",
            "app=x: 200 SecretList v1 [- a, - b]",
            "app in (x,y),app!=y: 200 SecretList v1 [- a, - b]",
            "!app: 200 SecretList v1 []",
            "malformed set: 400 Status Failure BadRequest code=400: unable to parse requirement: found 'x' expected: '('");
        fake.Should().Equal(real);
    }

    /// <summary>The product reads every list in pages of 500 and follows <c>metadata.continue</c>.</summary>
    [RealClusterFact]
    public async Task Paging_LimitAndContinue_FakeAnswersLikeTheRealServer()
    {
        var ns = await servers.NamespaceAsync("agree-page");
        var secrets = $"/api/v1/namespaces/{ns}/secrets";

        var (real, fake) = await servers.BothAsync(async api =>
        {
            foreach (var (name, app) in new[] { ("p1", "x"), ("p2", "y"), ("p3", "x") })
            {
                await api.PostAsync(secrets, Secret(name, app));
            }

            var first = await api.GetAsync($"{secrets}?limit=2");
            await api.PostAsync(secrets, Secret("p0", "x"));
            var second = await api.GetAsync($"{secrets}?limit=2&continue={first.Continue}");
            return new[]
            {
                "first page: " + first.Describe(),
                "next page: " + second.Describe() + $", resourceVersion of the first page: {second.ResourceVersion == first.ResourceVersion}",
                "all in one page: " + (await api.GetAsync($"{secrets}?limit=4")).Describe(),
                "limit 0: " + (await api.GetAsync($"{secrets}?limit=0")).Describe(),
                "with a selector: " + (await api.GetAsync($"{secrets}?limit=1&labelSelector=app%3Dx")).Describe(),
                "metadata only: " + (await api.GetAsync($"{secrets}?limit=1", ListForm)).Describe(),
                "not a token: " + Masked(await api.GetAsync($"{secrets}?limit=2&continue=not-a-token")),
                "a token with a resourceVersion: " + (await api.GetAsync($"{secrets}?limit=2&continue={first.Continue}&resourceVersion=1")).Describe(),
            };
        });

        real.Should().Equal(
            "first page: 200 SecretList v1 [- p1, - p2] continue remaining=1",
            "next page: 200 SecretList v1 [- p3], resourceVersion of the first page: True",
            "all in one page: 200 SecretList v1 [- p0, - p1, - p2, - p3]",
            "limit 0: 200 SecretList v1 [- p0, - p1, - p2, - p3]",
            "with a selector: 200 SecretList v1 [- p0] continue",
            "metadata only: 200 PartialObjectMetadataList meta.k8s.io/v1 [PartialObjectMetadata meta.k8s.io/v1 p0] continue remaining=3",
            "not a token: 400 BadRequest invalid continue token",
            "a token with a resourceVersion: 400 Status Failure BadRequest code=400: specifying resource version is not allowed when using continue");
        fake.Should().Equal(real);
    }

    /// <summary>The reason and the start of the message: the rest is a Go decoder's error text.</summary>
    private static string Masked(RawAnswer answer) =>
        $"{answer.Status} {answer.Json?["reason"]} {answer.Json?["message"]?.GetValue<string>().Split(':')[0]}";

    // Secrets, not ConfigMaps: kube-controller-manager puts a ConfigMap (kube-root-ca.crt) into every namespace of
    // the real cluster, at a moment of its choosing.
    private static JsonObject Secret(string name, string app) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = app } },
        ["stringData"] = new JsonObject { ["k"] = "v" },
    };
}
