using System.Net;

namespace DaprShared.FakeKubeApi;

/// <summary>One fault; <see cref="Hits"/> counts the requests it affected.</summary>
public sealed class FaultRule
{
    private readonly Func<FakeRequest, bool>? when;
    private int hits;

    internal FaultRule(FaultAction action, int? count, Func<FakeRequest, bool>? when)
    {
        Action = action;
        Remaining = count;
        this.when = when;
    }

    public FaultAction Action { get; }

    public HttpStatusCode Status { get; init; } = HttpStatusCode.InternalServerError;

    public TimeSpan DelayBy { get; init; }

    /// <summary>Uses left; null means unlimited.</summary>
    public int? Remaining { get; private set; }

    public int Hits => Volatile.Read(ref hits);

    internal FaultInjector? Owner { get; set; }

    public void Remove() => Owner?.Remove(this);

    internal bool TryUse(FakeRequest request)
    {
        if (Remaining == 0 || (when is not null && !when(request)))
        {
            return false;
        }

        Remaining--;
        Interlocked.Increment(ref hits);
        return true;
    }
}
