using DaprShared.Controller.Reconciliation;

namespace DaprShared.Controller.Tests.Rbac;

/// <summary>The ClusterRole in deploy/ grants each kind the controller applies exactly the verbs its row of
/// <see cref="OwnedKinds"/> says, in every namespace: a new kind without its rule fails here, before any scenario runs.</summary>
public sealed class OwnedKindsRbacTests
{
    private static readonly Lazy<RbacPolicy> Install = new(() => RbacPolicy.ForServiceAccount(RbacPolicy.LoadInstallYaml(), "dapr-shared-system", "dapr-shared"));

    private static readonly string[] EveryVerb = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

    public static TheoryData<string> Kinds => new(OwnedKinds.All.Select(k => k.Kind));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void InstallYaml_OwnedKind_GrantedItsVerbsEverywhereAndNothingElse(string kind)
    {
        var declaration = OwnedKinds.All.Single(k => k.Kind == kind);

        foreach (var verb in EveryVerb)
        {
            var request = new ApiRequest(verb, declaration.Group, declaration.Plural, "", null, null);
            Install.Value.Allows(request).Should().Be(declaration.Verbs.Contains(verb), request.ToString());
        }
    }
}
