using DaprShared.Kubernetes.Runtime;

namespace DaprShared.Controller.Diagnostics;

/// <summary>Whether the controller's watch caches are synced and watching, for <c>/readyz</c>'s detail: one
/// singleton, written only by the controller (the caches of the current leadership term, or why there are none),
/// read by anyone without reaching into the reconciler.</summary>
public sealed class ControllerCacheStatus
{
    private readonly object gate = new();
    private IReadOnlyList<IInformer> informers = [];
    private string idleReason = "the controller has not started";

    /// <summary>True while this replica reconciles (it leads, or leader election is off) and so has caches.</summary>
    public bool IsReconciling
    {
        get
        {
            lock (gate)
            {
                return informers.Count > 0;
            }
        }
    }

    /// <summary>Why this replica has no caches: no cluster, the controller disabled, another replica leads.</summary>
    public string IdleReason
    {
        get
        {
            lock (gate)
            {
                return idleReason;
            }
        }
    }

    /// <summary>Every cache of the current term, in a fixed order; empty while not reconciling.</summary>
    public IReadOnlyList<CacheStatus> Caches
    {
        get
        {
            IReadOnlyList<IInformer> current;
            lock (gate)
            {
                current = informers;
            }

            return [.. current.Select(i => i.Status)];
        }
    }

    internal void SetIdle(string reason)
    {
        lock (gate)
        {
            idleReason = reason;
        }
    }

    /// <summary>A term starts: its caches are the ones to report.</summary>
    internal void Attach(IReadOnlyList<IInformer> caches)
    {
        lock (gate)
        {
            informers = caches;
        }
    }

    /// <summary>A term ended; a later term's caches (already attached) stay.</summary>
    internal void Detach(IReadOnlyList<IInformer> caches)
    {
        lock (gate)
        {
            if (ReferenceEquals(informers, caches))
            {
                informers = [];
            }
        }
    }
}
