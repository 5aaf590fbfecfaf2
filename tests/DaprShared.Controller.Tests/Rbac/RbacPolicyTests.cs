using DaprShared.FakeKubeApi;
using k8s;

namespace DaprShared.Controller.Tests.Rbac;

/// <summary>The authorizer the coverage test relies on: it must deny what a real RBAC authorizer denies, or the
/// coverage test could not fail.</summary>
public sealed class RbacPolicyTests
{
    private const string Manifests = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: wide }
        rules:
          - apiGroups: [""]
            resources: ["pods"]
            verbs: ["list", "watch"]
          - apiGroups: ["dapr-shared.io"]
            resources: ["daprsharedinstances/status"]
            verbs: ["patch"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: wide }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: wide }
        subjects: [{ kind: ServiceAccount, name: me, namespace: home }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: local, namespace: home }
        rules:
          - apiGroups: ["coordination.k8s.io"]
            resources: ["leases"]
            resourceNames: ["the-lease"]
            verbs: ["get", "update", "list"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: local, namespace: home }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: local }
        subjects: [{ kind: ServiceAccount, name: me, namespace: home }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: events }
        rules:
          - apiGroups: [""]
            resources: ["events"]
            verbs: ["create"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: events, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: events }
        subjects: [{ kind: ServiceAccount, name: me, namespace: home }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: secrets }
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            verbs: ["get"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: someone-else }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secrets }
        subjects: [{ kind: ServiceAccount, name: other, namespace: home }]
        """;

    private readonly RbacPolicy policy = RbacPolicy.ForServiceAccount(KubernetesYaml.LoadAllFromString(Manifests, strict: true), "home", "me");

    [Theory]
    [InlineData("list", "", "pods", "", null, null)]
    [InlineData("watch", "", "pods", "", "shop", null)]
    [InlineData("patch", "dapr-shared.io", "daprsharedinstances", "status", "shop", "orders")]
    [InlineData("get", "coordination.k8s.io", "leases", "", "home", "the-lease")]
    [InlineData("create", "", "events", "", "shop", null)]
    public void Allows_GrantedRequest_True(string verb, string group, string resource, string subresource, string? ns, string? name)
    {
        policy.Allows(new ApiRequest(verb, group, resource, subresource, ns, name)).Should().BeTrue();
    }

    [Theory]
    [InlineData("get", "", "pods", "", "shop", "p", "verb not granted")]
    [InlineData("list", "apps", "pods", "", null, null, "other API group")]
    [InlineData("patch", "dapr-shared.io", "daprsharedinstances", "", "shop", "orders", "the main resource, not the status subresource")]
    [InlineData("update", "dapr-shared.io", "daprsharedinstances", "status", "shop", "orders", "verb not granted on the subresource")]
    [InlineData("get", "coordination.k8s.io", "leases", "", "home", "another-lease", "resourceNames")]
    [InlineData("list", "coordination.k8s.io", "leases", "", "home", null, "resourceNames and no name")]
    [InlineData("get", "coordination.k8s.io", "leases", "", "elsewhere", "the-lease", "a Role grants in its namespace only")]
    [InlineData("get", "coordination.k8s.io", "leases", "", null, "the-lease", "a Role grants nothing cluster-wide")]
    [InlineData("create", "", "events", "", "billing", null, "a RoleBinding to a ClusterRole grants in the binding's namespace only")]
    [InlineData("get", "", "secrets", "", "home", "s", "bound to another ServiceAccount")]
    public void Allows_NotGranted_False(string verb, string group, string resource, string subresource, string? ns, string? name, string because)
    {
        policy.Allows(new ApiRequest(verb, group, resource, subresource, ns, name)).Should().BeFalse(because);
    }

    [Fact]
    public void From_ListWithNameFieldSelector_AuthorizedWithThatName()
    {
        var request = new FakeRequest
        {
            Method = "GET",
            Path = "/apis/coordination.k8s.io/v1/namespaces/home/leases",
            Query = "?fieldSelector=metadata.name%3Dthe-lease&watch=true",
            Verb = Verbs.Watch,
            Group = "coordination.k8s.io",
            Resource = "leases",
            Namespace = "home",
        };

        var check = ApiRequest.From(request);

        check.Name.Should().Be("the-lease");
        policy.Allows(check with { Verb = Verbs.List }).Should().BeTrue("resourceNames allow a list pinned to the name");
    }

    [Theory]
    [InlineData("?labelSelector=a%3Db", null)]
    [InlineData("?fieldSelector=metadata.name%21%3Dx", null)]
    [InlineData("?fieldSelector=status.phase%3DRunning%2Cmetadata.name%3D%3Dweb-1", "web-1")]
    public void NameFromFieldSelector_Query_NameOnlyWhenPinned(string query, string? expected)
    {
        ApiRequest.NameFromFieldSelector(query).Should().Be(expected);
    }

    [Fact]
    public void Split_RuleWithManyEntries_OneGrantPerGroupResourceVerb()
    {
        var grants = policy.Rules.Single(r => r.Origin.StartsWith("Role local", StringComparison.Ordinal)).Split().Select(g => g.Key).ToList();

        grants.Should().Equal(
            "get coordination.k8s.io/leases [the-lease] in home",
            "update coordination.k8s.io/leases [the-lease] in home",
            "list coordination.k8s.io/leases [the-lease] in home");
    }

    [Fact]
    public void ForServiceAccount_InstallYaml_NoSecretReadInAppNamespaces()
    {
        var install = RbacPolicy.ForServiceAccount(RbacPolicy.LoadInstallYaml(), "dapr-shared-system", "dapr-shared");

        install.Rules.Should().NotBeEmpty();
        install.Allows(new ApiRequest("create", "", "secrets", "", "shop", null)).Should().BeTrue("the API-token Secret is created in app namespaces");
        install.Allows(new ApiRequest("get", "", "secrets", "", "shop", "orders-dapr-api-token")).Should().BeFalse();
        install.Allows(new ApiRequest("list", "", "secrets", "", null, null)).Should().BeFalse();
        install.Allows(new ApiRequest("get", "", "secrets", "", "dapr-system", "dapr-trust-bundle")).Should().BeFalse("only the public ConfigMap of the bundle is read");
    }
}
