namespace DaprShared.AotSmoke;

/// <summary>A check did not hold. The message says what was expected and what was found; it ends the run.</summary>
internal sealed class SmokeFailure : Exception
{
    public SmokeFailure(string message)
        : base(message)
    {
    }

    public SmokeFailure(string message, Exception inner)
        : base(message, inner)
    {
    }

    public SmokeFailure()
    {
    }
}
