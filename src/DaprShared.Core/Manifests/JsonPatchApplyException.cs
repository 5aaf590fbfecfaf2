namespace DaprShared.Core.Manifests;

/// <summary>An RFC 6902 operation could not be applied (missing parent, bad index, malformed pointer).</summary>
public sealed class JsonPatchApplyException : Exception
{
    public JsonPatchApplyException()
    {
    }

    public JsonPatchApplyException(string message)
        : base(message)
    {
    }

    public JsonPatchApplyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
