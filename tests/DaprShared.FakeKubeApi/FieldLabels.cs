namespace DaprShared.FakeKubeApi;

/// <summary>The fields a <c>fieldSelector</c> may name, per resource, as kube-apiserver v1.32 allows them: always
/// <c>metadata.name</c> and <c>metadata.namespace</c>, plus a few per kind. Anything else is a 400, worded as the real
/// server words it for that resource (the wording depends on whether the kind has its own field conversion).</summary>
internal static class FieldLabels
{
    private static readonly string[] Metadata = ["metadata.name", "metadata.namespace"];

    private static readonly string[] InvolvedObject =
        ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"];

    private static readonly Dictionary<(string Group, string Plural), string[]> Extra = new()
    {
        [("", "pods")] =
        [
            "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
            "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName",
        ],
        [("", "events")] = [.. InvolvedObject.Select(f => "involvedObject." + f), "reason", "reportingComponent", "source", "type"],
        [("events.k8s.io", "events")] = [.. InvolvedObject.Select(f => "regarding." + f), "reason", "reportingController", "type"],
        [("", "secrets")] = ["type"],
        [("", "namespaces")] = ["status.phase"],
        [("", "nodes")] = ["spec.unschedulable"],
        [("", "services")] = ["spec.clusterIP", "spec.type"],
        [("batch", "jobs")] = ["status.successful"],
    };

    /// <summary>Throws the real server's 400 when <paramref name="field"/> cannot be selected on
    /// <paramref name="type"/>.</summary>
    public static void Check(ResourceType type, string field)
    {
        if (Metadata.Contains(field, StringComparer.Ordinal))
        {
            return;
        }

        var builtIn = ResourceTypeRegistry.BuiltIns.Contains(type);
        if (builtIn && Extra.TryGetValue((type.Group, type.Plural), out var extra))
        {
            if (extra.Contains(field, StringComparer.Ordinal))
            {
                return;
            }

            throw ApiError.BadRequest(type.Plural == "jobs"
                ? $"field label \"{field}\" not supported for Job"
                : $"field label not supported: {field}");
        }

        // Custom resources convert their field labels themselves; the other built-ins use the generic conversion.
        throw ApiError.BadRequest(builtIn
            ? $"\"{field}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""
            : $"field label not supported: {field}");
    }
}
