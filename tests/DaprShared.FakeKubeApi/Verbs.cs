namespace DaprShared.FakeKubeApi;

/// <summary>The Kubernetes verbs in <see cref="FakeRequest.Verb"/>.</summary>
public static class Verbs
{
    public const string Get = "get";
    public const string List = "list";
    public const string Watch = "watch";
    public const string Create = "create";
    public const string Update = "update";
    public const string Patch = "patch";
    public const string Delete = "delete";
    public const string DeleteCollection = "deletecollection";
}
