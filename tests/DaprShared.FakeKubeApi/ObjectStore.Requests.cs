using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using k8s;
using k8s.Models;

namespace DaprShared.FakeKubeApi;

/// <summary>The store operations behind the HTTP verbs (see <see cref="RequestHandler"/>).</summary>
public sealed partial class ObjectStore
{
    internal JsonObject GetObject(ResourceType type, string @namespace, string name)
    {
        lock (gate)
        {
            return objects.TryGetValue(Key(type, @namespace, name), out var entry)
                ? (JsonObject)entry.Object.DeepClone()
                : throw ApiError.NotFound(type, name);
        }
    }

    internal (List<JsonObject> Items, long ResourceVersion) ListObjects(ResourceType type, string? @namespace, LabelSelector labels, FieldSelector fields)
    {
        lock (gate)
        {
            var items = objects
                .Where(p => p.Key.Type == type && (@namespace is null || p.Key.Namespace == @namespace))
                .Where(p => labels.Matches(p.Value.Object) && fields.Matches(p.Value.Object))
                .OrderBy(p => p.Key.Namespace + "/" + p.Key.Name, StringComparer.Ordinal) // etcd's key order
                .Select(p => (JsonObject)p.Value.Object.DeepClone())
                .ToList();
            return (items, resourceVersion);
        }
    }

    internal JsonObject Create(ResourceType type, string @namespace, JsonObject body, string manager)
    {
        lock (gate)
        {
            return CreateLocked(type, @namespace, body, manager, keepStatus: false);
        }
    }

    internal JsonObject Replace(ResourceType type, string @namespace, string name, JsonObject body, string manager, bool statusOnly)
    {
        lock (gate)
        {
            var key = Key(type, @namespace, name);
            var existing = objects.TryGetValue(key, out var e) ? e : throw ApiError.NotFound(type, name);
            var bodyName = body["metadata"]?["name"]?.GetValue<string>();
            if (bodyName is not null && bodyName != name)
            {
                throw ApiError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
            }

            CheckResourceVersion(type, name, existing, body["metadata"]?["resourceVersion"]?.GetValue<string>());
            var replacement = Scoped(type, existing.Object, body, statusOnly);
            CopySystemMetadata(existing.Object, replacement);
            return CommitLocked(key, existing, replacement, manager, statusOnly ? "status" : "");
        }
    }

    internal (JsonObject Object, bool Created) Patch(
        ResourceType type, string @namespace, string name, PatchKind kind, JsonNode body, string? manager, bool force, bool statusOnly)
    {
        lock (gate)
        {
            var key = Key(type, @namespace, name);
            objects.TryGetValue(key, out var existing);
            if (kind == PatchKind.Apply)
            {
                return ApplyLocked(type, key, existing, body, manager, force, statusOnly);
            }

            if (existing is null)
            {
                throw ApiError.NotFound(type, name);
            }

            var patched = kind switch
            {
                PatchKind.Json => Patches.JsonPatch(existing.Object, body as JsonArray ?? throw ApiError.BadRequest("error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp")),
                _ => Patches.MergePatch(existing.Object, body, strategic: kind == PatchKind.Strategic),
            } as JsonObject ?? throw ApiError.BadRequest("the patch did not produce an object");

            CheckResourceVersion(type, name, existing, patched["metadata"]?["resourceVersion"]?.GetValue<string>());
            var replacement = Scoped(type, existing.Object, patched, statusOnly);
            CopySystemMetadata(existing.Object, replacement);
            return (CommitLocked(key, existing, replacement, manager ?? "unknown", statusOnly ? "status" : ""), false);
        }
    }

    internal JsonObject DeleteObject(ResourceType type, string @namespace, string name, string? propagation, string? preconditionResourceVersion, string? preconditionUid)
    {
        lock (gate)
        {
            var key = Key(type, @namespace, name);
            var existing = objects.TryGetValue(key, out var e) ? e : throw ApiError.NotFound(type, name);
            var metadata = (JsonObject)existing.Object["metadata"]!;
            var uid = metadata["uid"]?.GetValue<string>() ?? "";
            if (preconditionUid is { Length: > 0 } && preconditionUid != uid)
            {
                throw ApiError.PreconditionFailed(type, name, "UID", preconditionUid, uid, "The object might have been deleted and then recreated");
            }

            var version = metadata["resourceVersion"]?.GetValue<string>() ?? "";
            if (preconditionResourceVersion is { Length: > 0 } && preconditionResourceVersion != version)
            {
                throw ApiError.PreconditionFailed(type, name, "ResourceVersion", preconditionResourceVersion, version, "The object might have been modified");
            }

            return DeleteLocked(key, propagation);
        }
    }

    /// <summary>Opens a watch. Returns null with <paramref name="gone"/> set when the requested resourceVersion
    /// is older than the retained history.</summary>
    internal WatchSubscription? OpenWatch(ResourceType type, string? @namespace, LabelSelector labels, FieldSelector fields, string? fromResourceVersion, out bool gone)
    {
        lock (gate)
        {
            gone = false;
            var subscription = new WatchSubscription(type, @namespace, labels, fields);
            if (string.IsNullOrEmpty(fromResourceVersion) || fromResourceVersion == "0")
            {
                // "Get state and start at most recent": synthetic ADDED for everything that matches.
                foreach (var (_, entry) in objects.Where(p => p.Key.Type == type).OrderBy(p => p.Key.Namespace + "/" + p.Key.Name, StringComparer.Ordinal))
                {
                    if (subscription.Matches(entry.Object, NamespaceOf(entry.Object)))
                    {
                        subscription.OfferInitial(entry.Object);
                    }
                }
            }
            else
            {
                if (!long.TryParse(fromResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
                {
                    throw ApiError.BadRequest($"invalid resource version \"{fromResourceVersion}\"");
                }

                if (from < compactedThrough)
                {
                    gone = true;
                    return null;
                }

                foreach (var change in history.Where(c => c.ResourceVersion > from))
                {
                    subscription.Offer(change);
                }
            }

            watches.Add(subscription);
            return subscription;
        }
    }

    internal void CloseWatch(WatchSubscription subscription)
    {
        lock (gate)
        {
            watches.Remove(subscription);
            subscription.Close();
        }
    }

    internal void RequestBookmark(WatchSubscription subscription)
    {
        lock (gate)
        {
            subscription.OfferBookmark(resourceVersion);
        }
    }
}
