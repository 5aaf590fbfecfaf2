using System.Net;
using System.Text.Json.Nodes;

namespace DaprShared.FakeKubeApi;

/// <summary>An approximation of structured-merge-diff, the engine behind server-side apply and managedFields.</summary>
/// <remarks>
/// What it does like the real server: an apply merges the applied fields into the live object (maps by key,
/// associative lists by their keys, everything else replaced whole); a field another manager owns with a
/// different value is a conflict (409, reason Conflict) unless <c>force=true</c>, which takes ownership; fields the
/// same manager applied before and no longer applies are removed unless someone else owns them; updates
/// (create, PUT, non-apply patches) give their manager the fields they changed and take them from others.
/// What it does not: schema-driven list types beyond the table in <see cref="FieldPaths"/>, removal of emptied
/// parent maps, version conversion of managed fields.
/// </remarks>
internal static class FieldManagement
{
    public static (JsonObject Merged, List<ManagedFieldsEntry> Entries) Apply(
        ResourceType type,
        string name,
        JsonObject? live,
        IReadOnlyList<ManagedFieldsEntry> entries,
        JsonObject applied,
        string manager,
        bool force,
        FieldScope scope,
        string subresource,
        string now)
    {
        var appliedPaths = FieldPaths.Leaves(applied, scope);
        var newEntries = entries.Select(e => e.Clone()).ToList();
        var liveObject = live ?? new JsonObject();

        var conflicts = new List<(ManagedFieldsEntry Entry, string Path)>();
        foreach (var entry in newEntries)
        {
            if (entry.SameOwner(manager, ManagedFieldsEntry.Apply, subresource))
            {
                continue;
            }

            foreach (var path in appliedPaths)
            {
                if (!path.EndsWith(FieldPaths.Self, StringComparison.Ordinal) && entry.Paths.Contains(path) &&
                    !JsonNode.DeepEquals(FieldPaths.ValueAt(liveObject, path), FieldPaths.ValueAt(applied, path)))
                {
                    conflicts.Add((entry, path));
                }
            }
        }

        if (conflicts.Count > 0 && !force)
        {
            var causes = conflicts
                .Select(c => ("FieldManagerConflict", $"conflict with \"{c.Entry.Manager}\"", Describe(c.Path)))
                .ToList();
            var noun = conflicts.Count == 1 ? "conflict" : "conflicts";
            throw new ApiError(
                HttpStatusCode.Conflict,
                "Conflict",
                $"Apply failed with {conflicts.Count} {noun}: " +
                string.Join("; ", conflicts.Select(c => $"conflict with \"{c.Entry.Manager}\": {Describe(c.Path)}")))
            {
                Causes = causes,
            };
        }

        foreach (var (entry, path) in conflicts)
        {
            entry.Paths.Remove(path);
        }

        var merged = (JsonObject)liveObject.DeepClone();
        var mine = newEntries.FirstOrDefault(e => e.SameOwner(manager, ManagedFieldsEntry.Apply, subresource));
        if (mine is not null)
        {
            RemoveStale(merged, mine, appliedPaths, newEntries);
        }

        MergeRoot(merged, applied, scope);

        if (mine is null)
        {
            mine = new ManagedFieldsEntry(manager, ManagedFieldsEntry.Apply, subresource, type.ApiVersion, appliedPaths, now);
            newEntries.Add(mine);
        }
        else if (!mine.Paths.SetEquals(appliedPaths))
        {
            mine.Paths = appliedPaths;
            mine.Time = now;
        }

        Prune(newEntries, merged);
        return (merged, newEntries);
    }

    /// <summary>Ownership after an update: the manager gets what it changed; nobody keeps what no longer exists.</summary>
    public static List<ManagedFieldsEntry> TrackUpdate(
        ResourceType type,
        IReadOnlyList<ManagedFieldsEntry> entries,
        JsonObject? old,
        JsonObject updated,
        string manager,
        string subresource,
        string now)
    {
        var newEntries = entries.Select(e => e.Clone()).ToList();
        var newLeaves = FieldPaths.Leaves(updated, FieldScope.Everything);
        var changed = newLeaves
            .Where(p => old is null || !JsonNode.DeepEquals(FieldPaths.ValueAt(old, p), FieldPaths.ValueAt(updated, p)))
            .ToHashSet(StringComparer.Ordinal);

        foreach (var entry in newEntries)
        {
            if (!entry.SameOwner(manager, ManagedFieldsEntry.Update, subresource))
            {
                entry.Paths.ExceptWith(changed);
            }
        }

        if (changed.Count > 0)
        {
            var mine = newEntries.FirstOrDefault(e => e.SameOwner(manager, ManagedFieldsEntry.Update, subresource));
            if (mine is null)
            {
                newEntries.Add(new ManagedFieldsEntry(manager, ManagedFieldsEntry.Update, subresource, type.ApiVersion, changed, now));
            }
            else
            {
                mine.Paths.UnionWith(changed);
                mine.Time = now;
            }
        }

        Prune(newEntries, updated);
        return newEntries;
    }

    public static bool SameOwnership(IReadOnlyList<ManagedFieldsEntry> a, IReadOnlyList<ManagedFieldsEntry> b) =>
        a.Count == b.Count && a.All(x => b.Any(y =>
            y.SameOwner(x.Manager, x.Operation, x.Subresource) && y.Paths.SetEquals(x.Paths)));

    private static void RemoveStale(JsonObject merged, ManagedFieldsEntry mine, HashSet<string> appliedPaths, List<ManagedFieldsEntry> all)
    {
        bool OwnedByOthers(string path)
        {
            if (path.EndsWith(FieldPaths.Self, StringComparison.Ordinal))
            {
                // An item stays while anyone else owns anything inside it.
                var itemPrefix = path[..^1];
                return all.Any(e => e != mine && e.Paths.Any(p => p.StartsWith(itemPrefix, StringComparison.Ordinal)));
            }

            return all.Any(e => e != mine && e.Paths.Contains(path));
        }

        var stale = mine.Paths
            .Where(p => !appliedPaths.Contains(p) && !OwnedByOthers(p))
            .OrderBy(p => p.EndsWith(FieldPaths.Self, StringComparison.Ordinal) ? 1 : 0)
            .ThenByDescending(p => FieldPaths.Split(p).Length)
            .ToList();
        foreach (var path in stale)
        {
            FieldPaths.Remove(merged, path);
        }
    }

    private static void MergeRoot(JsonObject target, JsonObject applied, FieldScope scope)
    {
        foreach (var (key, value) in applied)
        {
            if (value is null || key is "apiVersion" or "kind")
            {
                continue;
            }

            if ((scope == FieldScope.StatusOnly && key != "status") || (scope == FieldScope.AllButStatus && key == "status"))
            {
                continue;
            }

            if (key == "metadata" && value is JsonObject metadata)
            {
                var liveMetadata = target["metadata"] as JsonObject ?? new JsonObject();
                target["metadata"] = liveMetadata;
                foreach (var (metaKey, metaValue) in metadata)
                {
                    if (metaValue is not null && metaKey is not ("resourceVersion" or "uid" or "generation" or "creationTimestamp" or "managedFields"))
                    {
                        liveMetadata[metaKey] = Merge(liveMetadata[metaKey], metaValue, metaKey);
                    }
                }

                continue;
            }

            target[key] = Merge(target[key], value, key);
        }
    }

    private static JsonNode Merge(JsonNode? live, JsonNode applied, string field)
    {
        switch (applied)
        {
            case JsonObject appliedMap when live is JsonObject liveMap:
                var mergedMap = (JsonObject)liveMap.DeepClone();
                foreach (var (key, value) in appliedMap)
                {
                    if (value is not null)
                    {
                        mergedMap[key] = Merge(mergedMap[key], value, key);
                    }
                }

                return mergedMap;

            case JsonArray appliedSet when live is JsonArray liveSet && FieldPaths.IsSet(field):
                var union = (JsonArray)liveSet.DeepClone();
                foreach (var item in appliedSet)
                {
                    if (!union.Any(u => JsonNode.DeepEquals(u, item)))
                    {
                        union.Add(item?.DeepClone());
                    }
                }

                return union;

            case JsonArray appliedList when live is JsonArray liveList && FieldPaths.ListKeys(field, appliedList) is { } keys:
                var mergedList = (JsonArray)liveList.DeepClone();
                foreach (var item in appliedList.Cast<JsonObject>())
                {
                    var token = FieldPaths.KeyToken(item, keys);
                    var index = -1;
                    for (var i = 0; i < mergedList.Count; i++)
                    {
                        if (mergedList[i] is JsonObject candidate && FieldPaths.KeyToken(candidate, keys) == token)
                        {
                            index = i;
                            break;
                        }
                    }

                    if (index >= 0)
                    {
                        mergedList[index] = Merge(mergedList[index], item, field);
                    }
                    else
                    {
                        mergedList.Add(item.DeepClone());
                    }
                }

                return mergedList;

            default:
                return applied.DeepClone();
        }
    }

    private static void Prune(List<ManagedFieldsEntry> entries, JsonObject obj)
    {
        var existing = FieldPaths.Leaves(obj, FieldScope.Everything);
        foreach (var entry in entries)
        {
            entry.Paths.IntersectWith(existing);
        }

        entries.RemoveAll(e => e.Paths.Count == 0);
    }

    private static string Describe(string path) =>
        "." + string.Join(".", FieldPaths.Split(path).Where(t => t != FieldPaths.Self).Select(t => t.Length > 2 ? t[2..] : t));
}
