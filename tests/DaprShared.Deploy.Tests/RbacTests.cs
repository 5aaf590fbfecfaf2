using DaprShared.Deploy.Tests.Support;
using k8s.Models;

namespace DaprShared.Deploy.Tests;

/// <summary>Least privilege (DESIGN §5, issues 3 and 4): no wildcard, no cluster-wide Secret read, and the
/// webhook may only touch its own webhook configuration.</summary>
public sealed class RbacTests
{
    private static readonly string[] ReadVerbs = ["get", "list", "watch"];

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void Rules_Everywhere_NoWildcard(ManifestSource source)
    {
        var rules = RbacRule.From(Rendered.Objects(source));

        rules.Should().NotBeEmpty();
        foreach (var (owner, _, rule) in rules)
        {
            var everything = (rule.ApiGroups ?? []).Concat(rule.Resources ?? []).Concat(rule.Verbs ?? [])
                .Concat(rule.ResourceNames ?? []).Concat(rule.NonResourceURLs ?? []);
            everything.Should().NotContain(s => s.Contains('*'), $"{owner} must list what it grants");
        }
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void Secrets_ClusterWide_NeverRead(ManifestSource source)
    {
        var clusterWideSecretRules = RbacRule.From(Rendered.Objects(source))
            .Where(r => r.ClusterWide && r.Covers(string.Empty, "secrets"))
            .ToList();

        foreach (var (owner, _, rule) in clusterWideSecretRules)
        {
            // A patch or update answers with the whole object, so it reads too.
            rule.Verbs.Should().NotContain([.. ReadVerbs, "patch", "update"], $"{owner} must not read Secrets across the cluster");
        }
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void Secrets_OwnNamespace_ReadOnlyTheTlsSecretByName(ManifestSource source)
    {
        var readRules = RbacRule.From(Rendered.Objects(source))
            .Where(r => !r.ClusterWide && r.Covers(string.Empty, "secrets") && r.Rule.Verbs.Intersect(ReadVerbs).Any())
            .ToList();

        readRules.Should().NotBeEmpty("self-managed TLS reads its Secret");
        foreach (var rule in readRules)
        {
            rule.Namespace.Should().Be(Rendered.Namespace);
            rule.Rule.ResourceNames.Should().Equal("dapr-shared-injector-tls");
        }
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void WebhookConfigurations_OnlyItsOwnByName_NeverCreateOrDelete(ManifestSource source)
    {
        var rules = RbacRule.From(Rendered.Objects(source))
            .Where(r => r.Rule.ApiGroups?.Contains("admissionregistration.k8s.io") == true)
            .ToList();

        var rule = rules.Should().ContainSingle().Subject.Rule;
        rule.Resources.Should().Equal("mutatingwebhookconfigurations");
        rule.ResourceNames.Should().Equal(Find.WebhookConfigurationName);
        rule.Verbs.Should().BeSubsetOf(["get", "patch", "update"]).And.Contain("patch");
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void Rules_Everywhere_NoPrivilegeEscalationVerbsOrSensitiveResources(ManifestSource source)
    {
        foreach (var (owner, _, rule) in RbacRule.From(Rendered.Objects(source)))
        {
            rule.Verbs.Should().NotContain(["escalate", "bind", "impersonate", "deletecollection"], owner);
            rule.Resources.Should().NotContain(
                ["roles", "clusterroles", "rolebindings", "clusterrolebindings", "nodes", "pods/exec", "serviceaccounts/token",
                 "validatingwebhookconfigurations", "customresourcedefinitions"],
                owner);
            rule.NonResourceURLs.Should().BeNullOrEmpty(owner);
        }
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void Leases_OwnNamespaceOnly_UpdateByName(ManifestSource source)
    {
        var leaseRules = RbacRule.From(Rendered.Objects(source)).Where(r => r.Covers("coordination.k8s.io", "leases")).ToList();

        leaseRules.Should().NotBeEmpty("the controller is leader-elected through a Lease");
        leaseRules.Should().AllSatisfy(r => r.Namespace.Should().Be(Rendered.Namespace));
        leaseRules.Where(r => r.Rule.Verbs.Except(["create"]).Any())
            .Should().AllSatisfy(r => r.Rule.ResourceNames.Should().NotBeNullOrEmpty());
    }

    [Theory]
    [MemberData(nameof(Sources.All), MemberType = typeof(Sources))]
    public void Bindings_Every_BindsAnExistingRoleToTheInjectorServiceAccountOnly(ManifestSource source)
    {
        var objects = Rendered.Objects(source);
        var serviceAccount = objects.OfType<V1ServiceAccount>().Should().ContainSingle().Subject;
        var deployment = Find.Deployment(objects);
        deployment.Spec.Template.Spec.ServiceAccountName.Should().Be(serviceAccount.Metadata.Name);

        var bindings = objects.OfType<V1ClusterRoleBinding>().Select(b => (b.RoleRef, b.Subjects, Namespace: (string?)null))
            .Concat(objects.OfType<V1RoleBinding>().Select(b => (b.RoleRef, b.Subjects, Namespace: (string?)b.Metadata.NamespaceProperty)))
            .ToList();

        bindings.Should().NotBeEmpty();
        foreach (var (roleRef, subjects, ns) in bindings)
        {
            subjects.Should().ContainSingle().Which.Should().BeEquivalentTo(new Rbacv1Subject
            {
                Kind = "ServiceAccount",
                Name = serviceAccount.Metadata.Name,
                NamespaceProperty = serviceAccount.Metadata.NamespaceProperty,
            });
            var roleExists = roleRef.Kind == "ClusterRole"
                ? objects.OfType<V1ClusterRole>().Any(r => r.Metadata.Name == roleRef.Name)
                : objects.OfType<V1Role>().Any(r => r.Metadata.Name == roleRef.Name && r.Metadata.NamespaceProperty == ns);
            roleExists.Should().BeTrue($"{roleRef.Kind} {roleRef.Name} must be part of the install");
        }
    }
}
