using System.Text.Json.Nodes;
using DaprShared.Integration.Tests.Infrastructure;

namespace DaprShared.Integration.Tests;

/// <summary>Writes against the fake API server and kube-apiserver v1.32: the Status bodies of 404/409/410/422 and
/// what a successful DELETE answers, server-side apply (the conflict naming the other manager, force, the 422s of
/// bad patch options), and each patch content type with the JSON patches the product sends.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class FakeApiServerWriteAgreementTests : IAsyncLifetime
{
    private const string Apply = "application/apply-patch+yaml";
    private const string JsonPatch = "application/json-patch+json";
    private const string MergePatch = "application/merge-patch+json";
    private const string StrategicPatch = "application/strategic-merge-patch+json";

    private readonly RealCluster cluster;
    private AgreementServers servers = null!;

    public FakeApiServerWriteAgreementTests(RealCluster cluster) => this.cluster = cluster;

    public async Task InitializeAsync() => servers = await AgreementServers.StartAsync(cluster);

    public async Task DisposeAsync() => await servers.DisposeAsync();

    [RealClusterFact]
    public async Task Errors_StatusBodies_FakeAnswersLikeTheRealServer()
    {
        var ns = await servers.NamespaceAsync("agree-errors");
        var configMaps = $"/api/v1/namespaces/{ns}/configmaps";

        var (real, fake) = await servers.BothAsync(async api =>
        {
            var created = await api.PostAsync(configMaps, ConfigMap("a"));
            var uid = created.Json!["metadata"]!["uid"]!.GetValue<string>();
            var pod = await api.PostAsync($"/api/v1/namespaces/{ns}/pods", FixturePods.PodJson(FixturePods.Plain, "plain-1"));
            var stale = ConfigMap("a");
            stale["metadata"]!["resourceVersion"] = "1";
            return new[]
            {
                "create: " + created.Describe(),
                "create again: " + (await api.PostAsync(configMaps, ConfigMap("a"))).Describe(),
                "get missing: " + (await api.GetAsync($"{configMaps}/absent")).Describe(),
                "update with a stale resourceVersion: " + (await api.PutAsync($"{configMaps}/a", stale)).Describe(),
                "delete, another uid: " + (await api.DeleteAsync($"{configMaps}/a", Preconditions("uid", "0a0a0a0a-0000-0000-0000-000000000000"))).Describe(),
                "delete, another resourceVersion: " + (await api.DeleteAsync($"{configMaps}/a", Preconditions("resourceVersion", "1"))).Describe(),
                "create an invalid name: " + (await api.PostAsync(configMaps, ConfigMap("Not_A_Name"))).Describe(),
                "create in a missing namespace: " + (await api.PostAsync("/api/v1/namespaces/agree-absent/configmaps", ConfigMap("a"))).Describe(),
                "unknown resource: " + (await api.GetAsync($"/api/v1/namespaces/{ns}/widgets")).Describe(),
                "unknown group: " + (await api.GetAsync("/apis/widgets.example.com/v1/widgets")).Describe(),
                "delete, this uid: " + (await api.DeleteAsync($"{configMaps}/a", Preconditions("uid", uid))).Describe(),
                "delete missing: " + (await api.DeleteAsync($"{configMaps}/a")).Describe(),
                "delete a pod: " + (pod.Status == 201 ? (await api.DeleteAsync($"/api/v1/namespaces/{ns}/pods/plain-1")).Describe() : pod.Describe()),
            };
        });

        real.Should().Equal(
            "create: 201 ConfigMap v1 a",
            """create again: 409 Status Failure AlreadyExists code=409 details={"name":"a","kind":"configmaps"}: configmaps "a" already exists""",
            """get missing: 404 Status Failure NotFound code=404 details={"name":"absent","kind":"configmaps"}: configmaps "absent" not found""",
            """update with a stale resourceVersion: 409 Status Failure Conflict code=409 details={"name":"a","kind":"configmaps"}: Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again""",
            """delete, another uid: 409 Status Failure Conflict code=409 details={"name":"a","kind":"ConfigMap"}: Operation cannot be fulfilled on ConfigMap "a": the UID in the precondition (<uid>) does not match the UID in record (<uid>). The object might have been deleted and then recreated""",
            """delete, another resourceVersion: 409 Status Failure Conflict code=409 details={"name":"a","kind":"ConfigMap"}: Operation cannot be fulfilled on ConfigMap "a": the ResourceVersion in the precondition (<n>) does not match the ResourceVersion in record (<n>). The object might have been modified""",
            """create an invalid name: 422 Status Failure Invalid code=422 details={"name":"Not_A_Name","kind":"ConfigMap","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"Not_A_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')","field":"metadata.name"}]}: ConfigMap "Not_A_Name" is invalid: metadata.name: Invalid value: "Not_A_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')""",
            """create in a missing namespace: 404 Status Failure NotFound code=404 details={"name":"agree-absent","kind":"namespaces"}: namespaces "agree-absent" not found""",
            "unknown resource: 404 Status Failure NotFound code=404 details={}: the server could not find the requested resource",
            "unknown group: 404 text/plain: 404 page not found",
            """delete, this uid: 200 Status Success details={"name":"a","kind":"configmaps","uid":"<uid>"}""",
            """delete missing: 404 Status Failure NotFound code=404 details={"name":"a","kind":"configmaps"}: configmaps "a" not found""",
            "delete a pod: 200 Pod v1 plain-1");
        fake.Should().Equal(real);
    }

    /// <summary>The product applies everything it owns with server-side apply as one field manager.</summary>
    [RealClusterFact]
    public async Task ServerSideApply_ConflictForceAndOptions_FakeAnswersLikeTheRealServer()
    {
        var ns = await servers.NamespaceAsync("agree-apply");
        var map = $"/api/v1/namespaces/{ns}/configmaps/applied";

        var (real, fake) = await servers.BothAsync(async api =>
        {
            var first = await api.PatchAsync(map + "?fieldManager=one", Apply, Applied("fast"));
            var again = await api.PatchAsync(map + "?fieldManager=one", Apply, Applied("fast"));
            var conflict = await api.PatchAsync(map + "?fieldManager=two", Apply, Applied("safe"));
            var shared = await api.PatchAsync(map + "?fieldManager=two", Apply, Applied("fast"));
            var forced = await api.PatchAsync(map + "?fieldManager=two&force=true", Apply, Applied("safe"));
            return new[]
            {
                "apply as one: " + first.Describe(),
                "the same again: " + again.Describe() + $", resourceVersion unchanged: {again.ResourceVersion == first.ResourceVersion}",
                "apply as two, other value: " + conflict.Describe(),
                "apply as two, same value: " + shared.Describe() + " " + Managers(shared),
                "apply as two, forced: " + forced.Describe() + " " + Managers(forced),
                "apply without a field manager: " + (await api.PatchAsync(map, Apply, Applied("safe"))).Describe(),
                "force on a merge patch: " + (await api.PatchAsync(map + "?force=true", MergePatch, new JsonObject { ["data"] = new JsonObject { ["x"] = "1" } })).Describe(),
                "apply as JSON media type: " + (await api.PatchAsync(map + "?fieldManager=two", "application/apply-patch+json", Applied("safe"))).Describe(),
            };
        });

        real.Should().Equal(
            "apply as one: 201 ConfigMap v1 applied",
            "the same again: 200 ConfigMap v1 applied, resourceVersion unchanged: True",
            """apply as two, other value: 409 Status Failure Conflict code=409 details={"causes":[{"reason":"FieldManagerConflict","message":"conflict with \"one\"","field":".data.mode"}]}: Apply failed with 1 conflict: conflict with "one": .data.mode""",
            "apply as two, same value: 200 ConfigMap v1 applied managers=one/Apply,two/Apply",
            "apply as two, forced: 200 ConfigMap v1 applied managers=two/Apply",
            """apply without a field manager: 422 Status Failure Invalid code=422 details={"group":"meta.k8s.io","kind":"PatchOptions","causes":[{"reason":"FieldValueRequired","message":"Required value: is required for apply patch","field":"fieldManager"}]}: PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch""",
            """force on a merge patch: 422 Status Failure Invalid code=422 details={"group":"meta.k8s.io","kind":"PatchOptions","causes":[{"reason":"FieldValueForbidden","message":"Forbidden: may not be specified for non-apply patch","field":"force"}]}: PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch""",
            "apply as JSON media type: 415 Status Failure UnsupportedMediaType code=415 details={}: 415: Unsupported Media Type");
        fake.Should().Equal(real);
    }

    /// <summary>Patch content types, and JSON patch semantics where the real server's library is lenient (replace
    /// of a missing key, test of a missing key against null) or strict. The last case is the product's own caBundle
    /// patch (src/DaprShared.Webhook/Tls/SelfManaged/SelfManagedTlsClient.cs): tests that fail are a 422.</summary>
    [RealClusterFact]
    public async Task Patch_ContentTypesAndJsonPatchOperations_FakeAnswersLikeTheRealServer()
    {
        await Installed.EnsureAsync(cluster);
        var ns = await servers.NamespaceAsync("agree-patch");
        var map = $"/api/v1/namespaces/{ns}/configmaps/patched";

        var (real, fake) = await servers.BothAsync(async api =>
        {
            var created = await api.PostAsync($"/api/v1/namespaces/{ns}/configmaps", ConfigMap("patched"));
            var version = created.ResourceVersion!;
            var instance = await api.PostAsync($"/apis/dapr-shared.io/v1alpha1/namespaces/{ns}/daprsharedinstances", Instance("orders"));
            return new[]
            {
                "merge: " + Data(await api.PatchAsync(map, MergePatch, new JsonObject { ["data"] = new JsonObject { ["m"] = "1" } })),
                "strategic: " + Data(await api.PatchAsync(map, StrategicPatch, new JsonObject { ["data"] = new JsonObject { ["s"] = "1" } })),
                "json: " + Data(await api.PatchAsync(map, JsonPatch, Ops(Op("add", "/data/j", "1")))),
                "plain json: " + Data(await api.PatchAsync(map, "application/json", new JsonObject { ["data"] = new JsonObject { ["x"] = "1" } })),
                "strategic on a custom resource: " + (instance.Status == 201
                    ? Data(await api.PatchAsync($"/apis/dapr-shared.io/v1alpha1/namespaces/{ns}/daprsharedinstances/orders", StrategicPatch, new JsonObject { ["spec"] = new JsonObject() }))
                    : instance.Describe()),
                "replace a missing key: " + Data(await api.PatchAsync(map, JsonPatch, Ops(Op("replace", "/data/missing", "r")))),
                "test a missing key against null: " + Data(await api.PatchAsync(map, JsonPatch, Ops(Op("test", "/data/absent", null), Op("add", "/data/t", "1")))),
                "remove a missing key: " + Data(await api.PatchAsync(map, JsonPatch, Ops(Op("remove", "/data/absent", null)))),
                "add under a missing parent: " + Data(await api.PatchAsync(map, JsonPatch, Ops(Op("add", "/spec/x/y", "1")))),
                "unknown operation: " + Data(await api.PatchAsync(map, JsonPatch, Ops(Op("frobnicate", "/data", null)))),
                "not an array: " + Data(await api.PatchAsync(map, JsonPatch, new JsonObject())),
                "a stale resourceVersion in a merge patch: " + Data(await api.PatchAsync(map, MergePatch, new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = "1" } })),
                "caBundle-style tests, stale: " + Data(await api.PatchAsync(map, JsonPatch, Ops(Op("test", "/metadata/resourceVersion", version), Op("add", "/data/ca", "x")))),
            };
        });

        const string Unprocessable = "422 Status Failure Invalid code=422 details={}: the server rejected our request due to an error in our request";
        real.Should().Equal(
            "merge: 200 k=v,m=1",
            "strategic: 200 k=v,m=1,s=1",
            "json: 200 j=1,k=v,m=1,s=1",
            "plain json: 415 Status Failure UnsupportedMediaType code=415 details={}: 415: Unsupported Media Type",
            "strategic on a custom resource: 415 Status Failure UnsupportedMediaType code=415: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
            "replace a missing key: 200 j=1,k=v,m=1,missing=r,s=1",
            "test a missing key against null: 200 j=1,k=v,m=1,missing=r,s=1,t=1",
            "remove a missing key: " + Unprocessable,
            "add under a missing parent: " + Unprocessable,
            "unknown operation: " + Unprocessable,
            "not an array: 400 Status Failure BadRequest code=400: error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp",
            """a stale resourceVersion in a merge patch: 409 Status Failure Conflict code=409 details={"name":"patched","kind":"configmaps"}: Operation cannot be fulfilled on configmaps "patched": the object has been modified; please apply your changes to the latest version and try again""",
            "caBundle-style tests, stale: " + Unprocessable);
        fake.Should().Equal(real);
    }

    private static JsonObject ConfigMap(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["data"] = new JsonObject { ["k"] = "v" },
    };

    private static JsonObject Applied(string mode) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = "applied" },
        ["data"] = new JsonObject { ["mode"] = mode },
    };

    private static JsonObject Instance(string appId) => new()
    {
        ["apiVersion"] = "dapr-shared.io/v1alpha1",
        ["kind"] = "DaprSharedInstance",
        ["metadata"] = new JsonObject { ["name"] = appId },
        ["spec"] = new JsonObject { ["appId"] = appId },
    };

    private static JsonObject Preconditions(string field, string value) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "DeleteOptions",
        ["preconditions"] = new JsonObject { [field] = value },
    };

    private static JsonArray Ops(params JsonObject[] operations) => new(operations.Select(o => (JsonNode)o).ToArray());

    private static JsonObject Op(string op, string path, string? value)
    {
        var operation = new JsonObject { ["op"] = op, ["path"] = path };
        if (op is not ("remove" or "frobnicate"))
        {
            operation["value"] = value;
        }

        return operation;
    }

    /// <summary>A success as its status and the ConfigMap's data, a failure as described.</summary>
    private static string Data(RawAnswer answer) =>
        answer.Status is 200 or 201 && answer.Json?["data"] is JsonObject data
            ? $"{answer.Status} {string.Join(',', data.Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal))}"
            : answer.Describe();

    private static string Managers(RawAnswer answer) =>
        "managers=" + string.Join(',', (answer.Json?["metadata"]?["managedFields"] as JsonArray ?? [])
            .Select(m => $"{m!["manager"]}/{m["operation"]}")
            .Order(StringComparer.Ordinal));
}
