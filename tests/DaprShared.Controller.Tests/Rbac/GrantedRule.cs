using k8s.Models;

namespace DaprShared.Controller.Tests.Rbac;

/// <summary>One RBAC policy rule that applies to a subject, with where it applies: everywhere (a ClusterRole bound
/// by a ClusterRoleBinding: <paramref name="Namespace"/> null) or in one namespace (bound by a RoleBinding).</summary>
/// <param name="Origin">Role and binding, for messages: <c>ClusterRole x (ClusterRoleBinding y)</c>.</param>
internal sealed record GrantedRule(string Origin, string? Namespace, V1PolicyRule Rule)
{
    private const string All = "*";

    /// <summary>Kubernetes RBAC's rule matching (<c>rbac.RuleAllows</c>): verb, API group, resource (with
    /// <c>*/subresource</c>), resource names (a request without a name never matches a rule that lists names), plus
    /// the binding's namespace scope.</summary>
    public bool Allows(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Namespace is not null && request.Namespace != Namespace)
        {
            return false;
        }

        var verbs = Rule.Verbs ?? [];
        var groups = Rule.ApiGroups ?? [];
        var names = Rule.ResourceNames ?? [];
        return (verbs.Contains(All) || verbs.Contains(request.Verb))
            && (groups.Contains(All) || groups.Contains(request.Group))
            && ResourceMatches(request)
            && (names.Count == 0 || (request.Name is { Length: > 0 } name && names.Contains(name)));
    }

    /// <summary>This rule split into one grant per API group, resource and verb (resource names and scope kept):
    /// the unit of "is this permission ever used".</summary>
    public IEnumerable<GrantedRule> Split() =>
        from g in Rule.ApiGroups ?? []
        from r in Rule.Resources ?? []
        from v in Rule.Verbs ?? []
        select this with
        {
            Rule = new V1PolicyRule
            {
                ApiGroups = [g],
                Resources = [r],
                Verbs = [v],
                ResourceNames = Rule.ResourceNames,
            },
        };

    /// <summary>For a split grant: <c>verb group/resource [names] in scope</c>, stable enough to list in a test.</summary>
    public string Key =>
        $"{string.Join(",", Rule.Verbs ?? [])} {string.Join(",", (Rule.ApiGroups ?? []).Select(g => g.Length == 0 ? "core" : g))}/{string.Join(",", Rule.Resources ?? [])}"
        + (Rule.ResourceNames is { Count: > 0 } names ? $" [{string.Join(",", names)}]" : "")
        + $" in {Namespace ?? "*"}";

    public override string ToString() => $"{Key} from {Origin}";

    private bool ResourceMatches(ApiRequest request)
    {
        foreach (var resource in Rule.Resources ?? [])
        {
            if (resource == All || resource == request.RuleResource)
            {
                return true;
            }

            if (request.Subresource.Length > 0 && resource == "*/" + request.Subresource)
            {
                return true;
            }
        }

        return false;
    }
}
