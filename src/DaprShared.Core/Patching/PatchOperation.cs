namespace DaprShared.Core.Patching;

/// <summary>One RFC 6902 operation. Only <c>add</c> and <c>replace</c> are ever emitted: the webhook adds what
/// is missing and never removes anything of the user's.</summary>
public sealed record PatchOperation(PatchOperationKind Kind, string Path, PatchValue Value)
{
    public static PatchOperation Add(string path, PatchValue value) => new(PatchOperationKind.Add, path, value);

    public static PatchOperation Replace(string path, PatchValue value) => new(PatchOperationKind.Replace, path, value);

    public override string ToString() => $"{(Kind == PatchOperationKind.Add ? "add" : "replace")} {Path}";
}

public enum PatchOperationKind
{
    Add,
    Replace,
}
