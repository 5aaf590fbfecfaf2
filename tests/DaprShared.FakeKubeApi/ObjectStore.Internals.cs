using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using k8s;
using k8s.Models;

namespace DaprShared.FakeKubeApi;

/// <summary>Writes, field ownership, garbage collection and watch fan-out; everything here runs under the lock.</summary>
public sealed partial class ObjectStore
{
    private sealed class Entry(JsonObject obj, List<ManagedFieldsEntry> fields)
    {
        public JsonObject Object { get; set; } = obj;

        public List<ManagedFieldsEntry> Fields { get; set; } = fields;
    }

    private int collecting;

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex NamePattern();

    private JsonObject CreateLocked(ResourceType type, string @namespace, JsonObject body, string manager, bool keepStatus, List<ManagedFieldsEntry>? appliedFields = null)
    {
        CheckKind(type, body);
        var metadata = body["metadata"] as JsonObject ?? new JsonObject();
        body["metadata"] = metadata;
        var name = metadata["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            var generateName = metadata["generateName"]?.GetValue<string>();
            if (string.IsNullOrEmpty(generateName))
            {
                throw ApiError.Invalid(type, "", "metadata.name", "Required value: name or generateName is required", "FieldValueRequired");
            }

            name = generateName + Guid.NewGuid().ToString("N")[..5];
            metadata["name"] = name;
        }

        ValidateName(type, name);
        if (type.Namespaced)
        {
            var bodyNamespace = metadata["namespace"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != @namespace)
            {
                throw ApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = @namespace;
            if (options.RequireNamespaces && !objects.Keys.Any(k => k.Type.Kind == "Namespace" && k.Type.Group.Length == 0 && k.Name == @namespace))
            {
                throw new ApiError(HttpStatusCode.NotFound, "NotFound", $"namespaces \"{@namespace}\" not found", name: @namespace) { DetailsKind = "namespaces" };
            }
        }
        else
        {
            metadata.Remove("namespace");
        }

        var key = new ObjectKey(type, type.Namespaced ? @namespace : "", name);
        if (objects.ContainsKey(key))
        {
            throw ApiError.AlreadyExists(type, name);
        }

        if (type.HasStatusSubresource && !keepStatus)
        {
            body.Remove("status");
        }

        foreach (var field in new[] { "resourceVersion", "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" })
        {
            metadata.Remove(field);
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Now();
        metadata["generation"] = 1L;
        body["apiVersion"] = type.ApiVersion;
        body["kind"] = type.Kind;
        if (options.ApplyDefaults)
        {
            Defaulting.Apply(type, body);
        }

        var fields = appliedFields is { Count: > 0 } ? appliedFields : FieldManagement.TrackUpdate(type, [], null, body, manager, "", Now());
        return Insert(key, body, fields);
    }

    private (JsonObject Object, bool Created) ApplyLocked(ResourceType type, ObjectKey key, Entry? existing, JsonNode body, string? manager, bool force, bool statusOnly)
    {
        if (string.IsNullOrEmpty(manager))
        {
            throw ApiError.InvalidPatchOptions("fieldManager", "Required value: is required for apply patch", "FieldValueRequired");
        }

        if (body is not JsonObject applied)
        {
            throw ApiError.BadRequest("an apply patch must be an object");
        }

        if (applied["apiVersion"] is null || applied["kind"] is null)
        {
            throw ApiError.BadRequest("apiVersion and kind must be set in an apply patch");
        }

        CheckKind(type, applied);
        var appliedName = applied["metadata"]?["name"]?.GetValue<string>();
        if (appliedName is not null && appliedName != key.Name)
        {
            throw ApiError.BadRequest($"the name of the object ({appliedName}) does not match the name on the URL ({key.Name})");
        }

        var appliedNamespace = applied["metadata"]?["namespace"]?.GetValue<string>();
        if (type.Namespaced && !string.IsNullOrEmpty(appliedNamespace) && appliedNamespace != key.Namespace)
        {
            throw ApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        var scope = statusOnly ? FieldScope.StatusOnly : type.HasStatusSubresource ? FieldScope.AllButStatus : FieldScope.Everything;
        var subresource = statusOnly ? "status" : "";
        if (existing is null)
        {
            if (statusOnly)
            {
                throw ApiError.NotFound(type, key.Name);
            }

            var (created, createdFields) = FieldManagement.Apply(type, key.Name, null, [], applied, manager, force, scope, subresource, Now());
            var metadata = created["metadata"] as JsonObject ?? new JsonObject();
            created["metadata"] = metadata;
            metadata["name"] = key.Name;
            return (CreateLocked(type, key.Namespace, created, manager, keepStatus: false, createdFields), true);
        }

        var (merged, fields) = FieldManagement.Apply(type, key.Name, existing.Object, existing.Fields, applied, manager, force, scope, subresource, Now());
        CopySystemMetadata(existing.Object, merged);
        return (CommitLocked(key, existing, merged, fields), false);
    }

    private JsonObject CommitLocked(ObjectKey key, Entry existing, JsonObject replacement, string manager, string subresource)
    {
        var fields = FieldManagement.TrackUpdate(key.Type, existing.Fields, existing.Object, replacement, manager, subresource, Now());
        return CommitLocked(key, existing, replacement, fields);
    }

    private JsonObject CommitLocked(ObjectKey key, Entry existing, JsonObject replacement, List<ManagedFieldsEntry> fields)
    {
        replacement["apiVersion"] = key.Type.ApiVersion;
        replacement["kind"] = key.Type.Kind;
        if (options.ApplyDefaults)
        {
            Defaulting.Apply(key.Type, replacement);
        }

        if (ContentEquals(existing.Object, replacement) && FieldManagement.SameOwnership(existing.Fields, fields))
        {
            // A no-op write: the real server neither bumps resourceVersion nor notifies watches.
            return (JsonObject)existing.Object.DeepClone();
        }

        var metadata = (JsonObject)replacement["metadata"]!;
        var generation = existing.Object["metadata"]?["generation"] is JsonValue g && g.TryGetValue<long>(out var known) ? known : 1;
        metadata["generation"] = SpecEquals(existing.Object, replacement) ? generation : generation + 1;

        var finalizers = metadata["finalizers"] as JsonArray;
        if (metadata["deletionTimestamp"] is not null && (finalizers is null || finalizers.Count == 0))
        {
            existing.Object = replacement;
            existing.Fields = fields;
            return RemoveLocked(key, propagation: null);
        }

        var old = existing.Object;
        metadata["resourceVersion"] = NextResourceVersion();
        metadata["managedFields"] = RenderFields(fields);
        replacement = Normalize(replacement);
        existing.Object = replacement;
        existing.Fields = fields;
        Publish("MODIFIED", key, old, replacement);
        return (JsonObject)replacement.DeepClone();
    }

    private JsonObject Insert(ObjectKey key, JsonObject obj, List<ManagedFieldsEntry> fields)
    {
        var metadata = (JsonObject)obj["metadata"]!;
        metadata["resourceVersion"] = NextResourceVersion();
        metadata["managedFields"] = RenderFields(fields);
        obj = Normalize(obj);
        objects[key] = new Entry(obj, fields);
        byUid[metadata["uid"]!.GetValue<string>()] = key;
        Publish("ADDED", key, null, obj);
        return (JsonObject)obj.DeepClone();
    }

    private JsonObject DeleteLocked(ObjectKey key, string? propagation)
    {
        var existing = objects[key];
        var metadata = (JsonObject)existing.Object["metadata"]!;
        if (metadata["finalizers"] is JsonArray { Count: > 0 })
        {
            if (metadata["deletionTimestamp"] is not null)
            {
                return (JsonObject)existing.Object.DeepClone();
            }

            var marked = (JsonObject)existing.Object.DeepClone();
            marked["metadata"]!["deletionTimestamp"] = Now();
            marked["metadata"]!["deletionGracePeriodSeconds"] = 0;
            var old = existing.Object;
            marked["metadata"]!["resourceVersion"] = NextResourceVersion();
            existing.Object = marked;
            Publish("MODIFIED", key, old, marked);
            return (JsonObject)marked.DeepClone();
        }

        return RemoveLocked(key, propagation);
    }

    private JsonObject RemoveLocked(ObjectKey key, string? propagation)
    {
        var existing = objects[key];
        objects.Remove(key);
        var uid = existing.Object["metadata"]!["uid"]!.GetValue<string>();
        byUid.Remove(uid);
        var last = (JsonObject)existing.Object.DeepClone();
        last["metadata"]!["resourceVersion"] = NextResourceVersion();
        Publish("DELETED", key, existing.Object, last);

        if (propagation == "Orphan")
        {
            foreach (var dependent in DependentsOf(uid))
            {
                RewriteOwners(dependent, uid);
            }
        }
        else if (options.GarbageCollection == GarbageCollectionMode.Synchronous || propagation == "Foreground")
        {
            CollectLocked(uid);
        }
        else if (options.GarbageCollection == GarbageCollectionMode.Background)
        {
            collectQueue.Writer.TryWrite(uid);
        }

        return last;
    }

    private void CollectLocked(string ownerUid)
    {
        foreach (var dependent in DependentsOf(ownerUid))
        {
            if (!objects.TryGetValue(dependent, out var entry))
            {
                continue;
            }

            var owners = OwnerUids(entry.Object);
            if (owners.All(u => !byUid.ContainsKey(u)))
            {
                DeleteLocked(dependent, propagation: null);
            }
            else
            {
                RewriteOwners(dependent, ownerUid);
            }
        }
    }

    private void RewriteOwners(ObjectKey dependent, string removedUid)
    {
        var entry = objects[dependent];
        var copy = (JsonObject)entry.Object.DeepClone();
        if (copy["metadata"]?["ownerReferences"] is JsonArray refs)
        {
            foreach (var item in refs.OfType<JsonObject>().Where(r => r["uid"]?.GetValue<string>() == removedUid).ToList())
            {
                refs.Remove(item);
            }

            if (refs.Count == 0)
            {
                ((JsonObject)copy["metadata"]!).Remove("ownerReferences");
            }
        }

        CommitLocked(dependent, entry, copy, GarbageCollectorManager, "");
    }

    private List<ObjectKey> DependentsOf(string ownerUid) =>
        objects.Where(p => OwnerUids(p.Value.Object).Contains(ownerUid)).Select(p => p.Key).ToList();

    private static List<string> OwnerUids(JsonObject obj) =>
        obj["metadata"]?["ownerReferences"] is JsonArray refs
            ? refs.OfType<JsonObject>().Select(r => r["uid"]?.GetValue<string>()).OfType<string>().ToList()
            : [];

    private async Task CollectInBackgroundAsync()
    {
        try
        {
            await foreach (var uid in collectQueue.Reader.ReadAllAsync(disposed.Token).ConfigureAwait(false))
            {
                Interlocked.Increment(ref collecting);
                try
                {
                    if (options.GarbageCollectionDelay > TimeSpan.Zero)
                    {
                        await Task.Delay(options.GarbageCollectionDelay, disposed.Token).ConfigureAwait(false);
                    }

                    lock (gate)
                    {
                        CollectLocked(uid);
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref collecting);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Publish(string kind, ObjectKey key, JsonObject? old, JsonObject obj)
    {
        var change = new StoreEvent(resourceVersion, key.Type, key.Namespace, key.Name, kind, old, obj);
        history.Enqueue(change);
        while (history.Count > options.HistoryLimit)
        {
            compactedThrough = history.Dequeue().ResourceVersion;
        }

        foreach (var watch in watches)
        {
            watch.Offer(change);
        }
    }

    /// <summary>Re-reads an object from its JSON text, so every number is stored the same way however a test or
    /// the store built it (a node made from an int cannot be read as a long, one parsed from text can).</summary>
    private static JsonObject Normalize(JsonObject obj) => (JsonObject)JsonNode.Parse(obj.ToJsonString())!;

    private string NextResourceVersion() => (++resourceVersion).ToString(CultureInfo.InvariantCulture);

    private string Now() => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static JsonArray RenderFields(List<ManagedFieldsEntry> fields) => new(fields.Select(f => (JsonNode)f.ToJson()).ToArray());

    private static void CheckResourceVersion(ResourceType type, string name, Entry existing, string? requested)
    {
        if (!string.IsNullOrEmpty(requested) && requested != existing.Object["metadata"]!["resourceVersion"]!.GetValue<string>())
        {
            throw ApiError.Conflict(type, name);
        }
    }

    private static void CheckKind(ResourceType type, JsonObject body)
    {
        var apiVersion = body["apiVersion"]?.GetValue<string>();
        var kind = body["kind"]?.GetValue<string>();
        if ((apiVersion is not null && apiVersion != type.ApiVersion) || (kind is not null && kind != type.Kind))
        {
            throw ApiError.BadRequest($"the API version in the data ({apiVersion}) / kind ({kind}) does not match the expected {type.ApiVersion} {type.Kind}");
        }
    }

    private static void ValidateName(ResourceType type, string name)
    {
        if (name.Length > 253 || !NamePattern().IsMatch(name))
        {
            throw ApiError.Invalid(
                type,
                name,
                "metadata.name",
                $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        }
    }

    /// <summary>What a write may change: a status write keeps everything but status, a main-resource write on a
    /// resource with a status subresource keeps the live status.</summary>
    private static JsonObject Scoped(ResourceType type, JsonObject live, JsonObject incoming, bool statusOnly)
    {
        if (statusOnly)
        {
            var copy = (JsonObject)live.DeepClone();
            copy["status"] = incoming["status"]?.DeepClone();
            if (copy["status"] is null)
            {
                copy.Remove("status");
            }

            return copy;
        }

        var result = (JsonObject)incoming.DeepClone();
        if (type.HasStatusSubresource)
        {
            result.Remove("status");
            if (live["status"] is { } status)
            {
                result["status"] = status.DeepClone();
            }
        }

        return result;
    }

    private static void CopySystemMetadata(JsonObject from, JsonObject to)
    {
        var source = (JsonObject)from["metadata"]!;
        var target = to["metadata"] as JsonObject ?? new JsonObject();
        to["metadata"] = target;
        foreach (var field in new[] { "name", "namespace", "uid", "creationTimestamp", "generation", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds" })
        {
            if (source[field] is { } value)
            {
                target[field] = value.DeepClone();
            }
            else
            {
                target.Remove(field);
            }
        }
    }

    private static bool ContentEquals(JsonObject a, JsonObject b) => JsonNode.DeepEquals(Comparable(a, keepSpec: true), Comparable(b, keepSpec: true));

    private static bool SpecEquals(JsonObject a, JsonObject b) => JsonNode.DeepEquals(Comparable(a, keepSpec: false), Comparable(b, keepSpec: false));

    private static JsonObject Comparable(JsonObject obj, bool keepSpec)
    {
        var copy = (JsonObject)obj.DeepClone();
        if (!keepSpec)
        {
            copy.Remove("metadata");
            copy.Remove("status");
            return copy;
        }

        if (copy["metadata"] is JsonObject metadata)
        {
            metadata.Remove("resourceVersion");
            metadata.Remove("managedFields");
            metadata.Remove("generation");
        }

        return copy;
    }

    private static string NamespaceOf(JsonObject obj) => obj["metadata"]?["namespace"]?.GetValue<string>() ?? "";

    private static ObjectKey Key(ResourceType type, string? @namespace, string name) =>
        new(type, type.Namespaced ? @namespace ?? "default" : "", name);

    private ResourceType TypeOf(JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>() ?? throw new ArgumentException("object without apiVersion");
        var kind = obj["kind"]?.GetValue<string>() ?? throw new ArgumentException("object without kind");
        return Types.GetByKind(apiVersion, kind);
    }

    internal static JsonObject ToJsonObject<T>(T obj)
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(obj)) as JsonObject ?? throw new ArgumentException("not an object");
        if (json["apiVersion"] is null || json["kind"] is null)
        {
            var (apiVersion, kind) = EntityOf(obj!.GetType());
            json["apiVersion"] ??= apiVersion;
            json["kind"] ??= kind;
        }

        return json;
    }

    private static (string ApiVersion, string Kind) EntityOf<T>() => EntityOf(typeof(T));

    private static (string ApiVersion, string Kind) EntityOf(Type type)
    {
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{type.Name} has no [KubernetesEntity]; use the JsonObject overloads");
        return (string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : entity.Group + "/" + entity.ApiVersion, entity.Kind);
    }
}
