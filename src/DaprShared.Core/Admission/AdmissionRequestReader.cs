using DaprShared.Core.Contract;
using System.Text.Json;

namespace DaprShared.Core.Admission;

/// <summary>Validates the AdmissionReview envelope and picks out what the decision needs. Every way a request can
/// be malformed yields one clear sentence for the HTTP 400 body.</summary>
internal static class AdmissionRequestReader
{
    internal readonly record struct Request(
        string? Error, string? Uid, string? Namespace, JsonElement Object, bool DryRun, bool IsPodCreate);

    public static Request Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail($"an AdmissionReview must be a JSON object, not {Describe(root.ValueKind)}");
        }

        var apiVersion = Text(root, "apiVersion");
        var kind = Text(root, "kind");
        if (kind != AdmissionResponseWriter.Kind || apiVersion != AdmissionResponseWriter.ApiVersion)
        {
            return Fail($"expected kind AdmissionReview of apiVersion {AdmissionResponseWriter.ApiVersion}, got kind {Show(kind)} of apiVersion {Show(apiVersion)}");
        }

        if (!root.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object)
        {
            return Fail("request is missing or not an object");
        }

        var uid = Text(request, "uid");
        if (string.IsNullOrEmpty(uid))
        {
            return Fail("request.uid is missing or empty");
        }

        var resourceKind = request.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.Object ? k : default;
        var group = Text(resourceKind, "group");
        var objectKind = Text(resourceKind, "kind");
        if (objectKind != "Pod" || !string.IsNullOrEmpty(group))
        {
            return Fail($"only core/v1 Pods are handled, got request.kind {Show(group)}/{Show(objectKind)}", uid);
        }

        if (!request.TryGetProperty("object", out var pod) || pod.ValueKind != JsonValueKind.Object)
        {
            return Fail("request.object is missing or not an object", uid);
        }

        var ns = Text(request, "namespace");
        if (string.IsNullOrEmpty(ns))
        {
            ns = pod.TryGetProperty("metadata", out var metadata) ? Text(metadata, "namespace") : null;
        }

        if (string.IsNullOrEmpty(ns))
        {
            return Fail("request.namespace is missing", uid);
        }

        var dryRun = request.TryGetProperty("dryRun", out var d) && d.ValueKind == JsonValueKind.True;
        var operation = Text(request, "operation");
        var isPodCreate = operation is null or "CREATE" && string.IsNullOrEmpty(Text(request, "subResource"));
        return new Request(null, uid, ns, pod, dryRun, isPodCreate);
    }

    private static Request Fail(string error, string? uid = null) => new(error, uid, null, default, false, false);

    private static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    // Values from the request are echoed into an error message: bound them.
    private static string Show(string? value) => value is null ? "<missing>" : UserText.Quote(value);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        _ => "a boolean",
    };
}
