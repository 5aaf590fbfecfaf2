namespace DaprShared.Kubernetes.Runtime;

/// <summary>The part of an informer the runtime needs without knowing its type.</summary>
public interface IInformer
{
    string Resource { get; }

    bool HasSynced { get; }

    int Count { get; }

    /// <summary>Listing, watching or failing, and why.</summary>
    CacheStatus Status { get; }

    Task RunAsync(CancellationToken cancellationToken);

    Task WaitForSyncAsync(CancellationToken cancellationToken);
}
