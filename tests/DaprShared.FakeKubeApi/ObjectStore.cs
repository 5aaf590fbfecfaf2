using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using k8s;
using k8s.Models;

namespace DaprShared.FakeKubeApi;

/// <summary>The fake's etcd: every object by resource, namespace and name, one global resourceVersion counter, a
/// history of changes for watches, owner-reference garbage collection and field ownership.</summary>
/// <remarks>Everything happens under one lock, so writes are totally ordered and every watch sees them in
/// resourceVersion order. Tests use the public methods to seed objects and to play the other controllers of a
/// cluster (e.g. set a DaemonSet's status); those writes produce watch events but are not in the request log.</remarks>
public sealed partial class ObjectStore : IAsyncDisposable
{
    /// <summary>The field manager the public test methods write as.</summary>
    public const string TestFieldManager = "fake-kube-api-test";

    private const string GarbageCollectorManager = "generic-garbage-collector";

    private readonly object gate = new();
    private readonly Dictionary<ObjectKey, Entry> objects = [];
    private readonly Dictionary<string, ObjectKey> byUid = new(StringComparer.Ordinal);
    private readonly Queue<StoreEvent> history = new();
    private readonly List<WatchSubscription> watches = [];
    private readonly FakeKubeApiOptions options;
    private readonly TimeProvider time;
    private readonly Channel<string> collectQueue = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource disposed = new();
    private readonly Task collector;
    private long resourceVersion = 1000;

    // Versions this server never issued count as compacted: a watch from "1" gets 410, as it does on a real server
    // whose watch cache started later (always for a custom resource, for everything on a cluster that has run a while).
    private long compactedThrough = 1000;

    public ObjectStore(ResourceTypeRegistry types, FakeKubeApiOptions options, TimeProvider? time = null)
    {
        Types = types;
        this.options = options;
        this.time = time ?? TimeProvider.System;
        collector = Task.Run(CollectInBackgroundAsync);
    }

    public ResourceTypeRegistry Types { get; }

    /// <summary>The newest resourceVersion handed out.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (gate)
            {
                return resourceVersion;
            }
        }
    }

    public int OpenWatchCount
    {
        get
        {
            lock (gate)
            {
                return watches.Count;
            }
        }
    }

    // ----- Test API -----

    public JsonObject? Get(string apiVersion, string kind, string? @namespace, string name)
    {
        var type = Types.GetByKind(apiVersion, kind);
        lock (gate)
        {
            return objects.TryGetValue(Key(type, @namespace, name), out var entry) ? (JsonObject)entry.Object.DeepClone() : null;
        }
    }

    public T? Get<T>(string? @namespace, string name)
        where T : class, IKubernetesObject
    {
        var (apiVersion, kind) = EntityOf<T>();
        var obj = Get(apiVersion, kind, @namespace, name);
        return obj is null ? null : KubernetesJson.Deserialize<T>(obj.ToJsonString());
    }

    public IReadOnlyList<JsonObject> List(string apiVersion, string kind, string? @namespace = null, string? labelSelector = null)
    {
        var type = Types.GetByKind(apiVersion, kind);
        return ListObjects(type, @namespace, LabelSelector.Parse(labelSelector), FieldSelector.Everything).Items;
    }

    public IReadOnlyList<T> List<T>(string? @namespace = null, string? labelSelector = null)
        where T : class, IKubernetesObject
    {
        var (apiVersion, kind) = EntityOf<T>();
        return List(apiVersion, kind, @namespace, labelSelector)
            .Select(o => KubernetesJson.Deserialize<T>(o.ToJsonString()))
            .ToList();
    }

    /// <summary>Creates or replaces an object as given, status included (as another controller would).</summary>
    public JsonObject Put(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var type = TypeOf(obj);
        var metadata = obj["metadata"] as JsonObject ?? throw new ArgumentException("object without metadata", nameof(obj));
        var ns = type.Namespaced ? metadata["namespace"]?.GetValue<string>() ?? "default" : "";
        var name = metadata["name"]?.GetValue<string>() ?? throw new ArgumentException("object without metadata.name", nameof(obj));
        lock (gate)
        {
            var key = new ObjectKey(type, ns, name);
            if (!objects.TryGetValue(key, out var existing))
            {
                return CreateLocked(type, ns, (JsonObject)obj.DeepClone(), TestFieldManager, keepStatus: true);
            }

            var replacement = (JsonObject)obj.DeepClone();
            CopySystemMetadata(existing.Object, replacement);
            return CommitLocked(key, existing, replacement, TestFieldManager, "");
        }
    }

    public T Put<T>(T obj)
        where T : class, IKubernetesObject
    {
        var json = ToJsonObject(obj);
        return KubernetesJson.Deserialize<T>(Put(json).ToJsonString());
    }

    /// <summary>Read-modify-write of one object (status included); throws <see cref="ApiError"/> 404 when absent.</summary>
    public JsonObject Update(string apiVersion, string kind, string? @namespace, string name, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var type = Types.GetByKind(apiVersion, kind);
        lock (gate)
        {
            var key = Key(type, @namespace, name);
            var existing = objects.TryGetValue(key, out var e) ? e : throw ApiError.NotFound(type, name);
            var copy = (JsonObject)existing.Object.DeepClone();
            change(copy);
            CopySystemMetadata(existing.Object, copy);
            return CommitLocked(key, existing, copy, TestFieldManager, "");
        }
    }

    public T Update<T>(string? @namespace, string name, Action<T> change)
        where T : class, IKubernetesObject
    {
        var (apiVersion, kind) = EntityOf<T>();
        var updated = Update(apiVersion, kind, @namespace, name, json =>
        {
            var typed = KubernetesJson.Deserialize<T>(json.ToJsonString());
            change(typed);
            var back = ToJsonObject(typed);
            foreach (var property in json.Select(p => p.Key).ToList())
            {
                json.Remove(property);
            }

            foreach (var (property, value) in back.ToList())
            {
                back.Remove(property);
                json[property] = value;
            }
        });
        return KubernetesJson.Deserialize<T>(updated.ToJsonString());
    }

    /// <summary>Deletes an object (finalizers and garbage collection apply); false when it did not exist.</summary>
    public bool Delete(string apiVersion, string kind, string? @namespace, string name)
    {
        var type = Types.GetByKind(apiVersion, kind);
        lock (gate)
        {
            var key = Key(type, @namespace, name);
            if (!objects.ContainsKey(key))
            {
                return false;
            }

            DeleteLocked(key, propagation: null);
            return true;
        }
    }

    public bool Delete<T>(string? @namespace, string name)
        where T : class, IKubernetesObject
    {
        var (apiVersion, kind) = EntityOf<T>();
        return Delete(apiVersion, kind, @namespace, name);
    }

    /// <summary>Forgets the change history (what etcd compaction does): a watch that resumes from a resourceVersion
    /// older than the current one gets 410 Gone; one from the current version (e.g. a fresh list's) is fine.</summary>
    public void CompactHistory()
    {
        lock (gate)
        {
            history.Clear();
            compactedThrough = resourceVersion;
        }
    }

    /// <summary>Sends every open watch an ERROR event with 410 Gone and ends it.</summary>
    public int ExpireWatches()
    {
        lock (gate)
        {
            var count = watches.Count;
            foreach (var watch in watches)
            {
                watch.Expire("too old resource version: forced by the test");
            }

            watches.Clear();
            return count;
        }
    }

    /// <summary>Ends every open watch stream cleanly (as a watch timeout does).</summary>
    public int CloseWatches()
    {
        lock (gate)
        {
            var count = watches.Count;
            foreach (var watch in watches)
            {
                watch.Close();
            }

            watches.Clear();
            return count;
        }
    }

    /// <summary>Waits until the background garbage collector has nothing queued (for tests).</summary>
    public async Task WaitForGarbageCollectionAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (collectQueue.Reader.Count > 0 || Volatile.Read(ref collecting) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("garbage collection did not finish");
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await disposed.CancelAsync().ConfigureAwait(false);
        collectQueue.Writer.TryComplete();
        try
        {
            await collector.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        CloseWatches();
        disposed.Dispose();
    }
}
