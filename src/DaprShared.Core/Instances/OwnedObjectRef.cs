namespace DaprShared.Core.Instances;

/// <summary>Names an object the controller may own, e.g. one that must not exist for the current strategy.</summary>
public sealed record OwnedObjectRef(string ApiVersion, string Kind, string Namespace, string Name)
{
    public override string ToString() => $"{Kind} {Namespace}/{Name}";
}
