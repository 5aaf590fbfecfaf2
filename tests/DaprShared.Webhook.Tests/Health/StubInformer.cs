using DaprShared.Kubernetes.Runtime;

namespace DaprShared.Webhook.Tests.Health;

/// <summary>A cache whose status the test sets: what <c>/readyz</c> reports is all that is under test here.</summary>
internal sealed class StubInformer(CacheStatus status) : IInformer
{
    public CacheStatus Status { get; set; } = status;

    public string Resource => Status.Resource;

    public bool HasSynced => Status.Synced;

    public int Count => 0;

    public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static StubInformer Watching(string resource) => new(new CacheStatus(resource, CacheState.Watching, true, 0, null, null));
}
