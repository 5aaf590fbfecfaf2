using DaprShared.TestData;
using k8s;
using k8s.Models;

namespace DaprShared.Controller.Tests.Rbac;

/// <summary>What a set of manifests lets one ServiceAccount do, evaluated like the RBAC authorizer: every
/// ClusterRoleBinding and RoleBinding naming the account (directly, or through the groups every ServiceAccount is
/// in), each granting its role's rules cluster-wide (ClusterRoleBinding) or in the binding's namespace
/// (RoleBinding, also when it references a ClusterRole). A binding to a role that is not in the manifests grants
/// nothing, as on a cluster where the role is missing.</summary>
internal sealed class RbacPolicy
{
    private RbacPolicy(IReadOnlyList<GrantedRule> rules) => Rules = rules;

    public IReadOnlyList<GrantedRule> Rules { get; }

    /// <summary>deploy/install.yaml, the rendered install, loaded strictly (a misspelt field is an error).</summary>
    public static IReadOnlyList<object> LoadInstallYaml()
    {
        var path = Path.Combine(TestDataPaths.RepositoryRoot(), "deploy", "install.yaml");
        return KubernetesYaml.LoadAllFromString(File.ReadAllText(path), strict: true);
    }

    public static RbacPolicy ForServiceAccount(IEnumerable<object> objects, string @namespace, string name)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var all = objects.ToList();
        var clusterRoles = all.OfType<V1ClusterRole>().ToDictionary(r => r.Metadata.Name, StringComparer.Ordinal);
        var roles = all.OfType<V1Role>().ToDictionary(r => (r.Metadata.NamespaceProperty, r.Metadata.Name));
        var rules = new List<GrantedRule>();

        foreach (var binding in all.OfType<V1ClusterRoleBinding>().Where(b => Names(b.Subjects, @namespace, name)))
        {
            // A ClusterRoleBinding can only reference a ClusterRole.
            if (binding.RoleRef.Kind == "ClusterRole" && clusterRoles.TryGetValue(binding.RoleRef.Name, out var role))
            {
                var origin = $"ClusterRole {role.Metadata.Name} (ClusterRoleBinding {binding.Metadata.Name})";
                rules.AddRange((role.Rules ?? []).Select(rule => new GrantedRule(origin, null, rule)));
            }
        }

        foreach (var binding in all.OfType<V1RoleBinding>().Where(b => Names(b.Subjects, @namespace, name)))
        {
            var bindingNamespace = binding.Metadata.NamespaceProperty;
            IList<V1PolicyRule>? granted = binding.RoleRef.Kind switch
            {
                "Role" => roles.TryGetValue((bindingNamespace, binding.RoleRef.Name), out var role) ? role.Rules : null,
                "ClusterRole" => clusterRoles.TryGetValue(binding.RoleRef.Name, out var clusterRole) ? clusterRole.Rules : null,
                _ => null,
            };
            var origin = $"{binding.RoleRef.Kind} {binding.RoleRef.Name} (RoleBinding {bindingNamespace}/{binding.Metadata.Name})";
            rules.AddRange((granted ?? []).Select(rule => new GrantedRule(origin, bindingNamespace, rule)));
        }

        return new RbacPolicy(rules);
    }

    /// <summary>The first rule that allows <paramref name="request"/>, or null: denied.</summary>
    public GrantedRule? FindAllowing(ApiRequest request) => Rules.FirstOrDefault(rule => rule.Allows(request));

    public bool Allows(ApiRequest request) => FindAllowing(request) is not null;

    private static bool Names(IList<Rbacv1Subject>? subjects, string @namespace, string name) =>
        (subjects ?? []).Any(s => s.Kind switch
        {
            "ServiceAccount" => s.Name == name && s.NamespaceProperty == @namespace,
            "Group" => s.Name is "system:serviceaccounts" or "system:authenticated" || s.Name == "system:serviceaccounts:" + @namespace,
            "User" => s.Name == $"system:serviceaccount:{@namespace}:{name}",
            _ => false,
        });
}
