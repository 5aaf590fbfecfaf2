namespace DaprShared.FakeKubeApi;

/// <summary>How the fake behaves; the defaults suit fast tests.</summary>
public sealed class FakeKubeApiOptions
{
    /// <summary>How dependents of a deleted owner go away (kube-controller-manager's garbage collector).</summary>
    public GarbageCollectionMode GarbageCollection { get; set; } = GarbageCollectionMode.Background;

    /// <summary>How long the background collector waits before it removes dependents.</summary>
    public TimeSpan GarbageCollectionDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How often an idle watch that asked for <c>allowWatchBookmarks</c> gets a BOOKMARK.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many changes the store keeps for watches that resume from a resourceVersion; a watch from an
    /// older version gets 410 Gone (the real server keeps about five minutes' worth).</summary>
    public int HistoryLimit { get; set; } = 10_000;

    /// <summary>When true, creating an object in a namespace that does not exist is a 404, as on a real server.</summary>
    public bool RequireNamespaces { get; set; }

    /// <summary>When true, the server fills in some of the real server's defaults (see the README).</summary>
    public bool ApplyDefaults { get; set; } = true;

    /// <summary>The port to listen on; 0 picks a free one (kept across <see cref="FakeKubeApiServer.RestartAsync"/>).</summary>
    public int Port { get; set; }
}
