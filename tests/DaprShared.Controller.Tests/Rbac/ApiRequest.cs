using DaprShared.FakeKubeApi;

namespace DaprShared.Controller.Tests.Rbac;

/// <summary>A resource request as the API server's authorizer sees it (its <c>RequestInfo</c>): verb, API group,
/// resource, subresource, namespace (null: cluster-scoped, or every namespace) and name (null: none).</summary>
/// <param name="Why">Why the check happens, when it is not the request itself (an implied check).</param>
internal sealed record ApiRequest(string Verb, string Group, string Resource, string Subresource, string? Namespace, string? Name, string Why = "")
{
    /// <summary>The authorizer's view of a logged request. Like kube-apiserver, a list or watch whose field selector
    /// pins <c>metadata.name</c> is authorized with that name, so RBAC <c>resourceNames</c> can allow it.</summary>
    public static ApiRequest From(FakeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Name;
        if (name is null && request.Verb is Verbs.List or Verbs.Watch)
        {
            name = NameFromFieldSelector(request.Query);
        }

        return new ApiRequest(request.Verb, request.Group, request.Resource, request.Subresource, request.Namespace, name);
    }

    /// <summary>The name <c>fieldSelector=metadata.name=NAME</c> (or <c>==</c>, among other requirements) pins, else null.</summary>
    public static string? NameFromFieldSelector(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || Uri.UnescapeDataString(pair[..equals]) != "fieldSelector")
            {
                continue;
            }

            var selector = Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            foreach (var requirement in selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                foreach (var op in new[] { "==", "=" })
                {
                    if (requirement.StartsWith("metadata.name" + op, StringComparison.Ordinal) && !requirement.Contains("!=", StringComparison.Ordinal))
                    {
                        return requirement[("metadata.name" + op).Length..];
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The resource as RBAC rules name it: <c>resource</c> or <c>resource/subresource</c>.</summary>
    public string RuleResource => Subresource.Length == 0 ? Resource : Resource + "/" + Subresource;

    public override string ToString() =>
        $"{Verb} {(Group.Length == 0 ? "core" : Group)}/{RuleResource} in {Namespace ?? "(all namespaces / cluster)"} name={Name ?? "(none)"}{(Why.Length == 0 ? "" : " [" + Why + "]")}";
}
