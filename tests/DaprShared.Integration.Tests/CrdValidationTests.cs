using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.Integration.Tests.Infrastructure;
using DaprShared.TestData;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace DaprShared.Integration.Tests;

/// <summary>Every rule of deploy/crds/daprsharedinstances.dapr-shared.io.yaml (its CEL rules, patterns, enums,
/// bounds, required fields, list keys) as the real API server enforces it: for each rule an object it accepts and
/// one it refuses, the refusal naming the field and saying what the CRD says (a CEL rule's message, a schema rule's
/// pattern, values or bound, read from the CRD file). Boundaries are the product's own constants, which the offline
/// CrdManifestTests tie to the CRD. Each table is sent row by row and reports every row that went wrong.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class CrdValidationTests
{
    private const string LastTransition = "2024-05-01T12:00:00Z";

    private static readonly Lazy<V1JSONSchemaProps> Schema = new(() =>
        KubernetesYaml.Deserialize<V1CustomResourceDefinition>(
                File.ReadAllText(Path.Combine(TestDataPaths.RepositoryRoot(), "deploy", "crds", DaprSharedInstance.CrdName + ".yaml")), strict: true)
            .Spec.Versions.Single().Schema.OpenAPIV3Schema);

    private readonly RealCluster cluster;

    public CrdValidationTests(RealCluster cluster) => this.cluster = cluster;

    [RealClusterFact]
    public async Task Create_EverySpecRule_AcceptedAndRefusedAsTheCrdSays()
    {
        await Installed.EnsureAsync(cluster);
        var ns = await cluster.CreateNamespaceAsync("crd-create");

        var failures = await SendAllAsync(CreateRows(), "spec", row =>
            cluster.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(
                row.Sent, DaprSharedInstance.Group, DaprSharedInstance.Version, ns, DaprSharedInstance.Plural, dryRun: "All", fieldValidation: "Strict"));

        TableFailures.ShouldBeNone(failures, "create rows (dry-run creates)");
    }

    [RealClusterFact]
    public async Task Update_AppIdChanged_RefusedAsImmutable_OtherChangesJudgedByTheSameRules()
    {
        await Installed.EnsureAsync(cluster);
        var ns = await cluster.CreateNamespaceAsync("crd-update");
        await CreateAsync(ns, Instance("orders", ("strategy", "daemonset"), ("appPort", 8080), ("appChannelAddress", "orders.shop.svc")));
        Row[] rows =
        [
            Accepted("spec.appId: immutable", "another field changes", Spec(("logLevel", "debug"))),
            Refused("spec.appId: immutable", "appId changes", Spec(("appId", "checkout")),
                [.. Cel("spec.appId", "self == oldSelf"), .. Cel("", "self.metadata.name == self.spec.appId")]),
            Accepted("spec: replicas only with strategy deployment", "strategy and replicas change together", Spec(("strategy", "deployment"), ("replicas", 2))),
            Refused("spec: replicas only with strategy deployment", "replicas added to a daemonset instance", Spec(("replicas", 2)),
                Cel("spec", "!has(self.replicas) || !has(self.strategy) || self.strategy == 'deployment'")),
            Accepted("spec: appChannelAddress needs appPort", "both removed", Spec(("appPort", null), ("appChannelAddress", null))),
            Refused("spec: appChannelAddress needs appPort", "appPort removed", Spec(("appPort", null)),
                Cel("spec", "!has(self.appChannelAddress) || has(self.appPort)")),
        ];

        // A merge patch: what `kubectl patch --type=merge` and `kubectl edit` send. The stored object stays as created.
        var failures = await SendAllAsync(rows, "spec", row =>
            cluster.Admin.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch(row.Sent.ToJsonString(), V1Patch.PatchType.MergePatch), DaprSharedInstance.Group, DaprSharedInstance.Version, ns,
                DaprSharedInstance.Plural, "orders", dryRun: "All", fieldValidation: "Strict"),
            compareReturned: false);

        TableFailures.ShouldBeNone(failures, "update rows (dry-run merge patches of a stored instance)");
    }

    [RealClusterFact]
    public async Task Status_EveryStatusRule_AcceptedAndRefusedThroughTheStatusSubresource()
    {
        await Installed.EnsureAsync(cluster);
        var ns = await cluster.CreateNamespaceAsync("crd-status");
        await CreateAsync(ns, Instance("orders"));

        var failures = await SendAllAsync(StatusRows(), "status", row =>
            cluster.Admin.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                new V1Patch(row.Sent.ToJsonString(), V1Patch.PatchType.MergePatch), DaprSharedInstance.Group, DaprSharedInstance.Version, ns,
                DaprSharedInstance.Plural, "orders", dryRun: "All", fieldValidation: "Strict"));

        TableFailures.ShouldBeNone(failures, "status rows (dry-run merge patches of /status)");

        // subresources.status: the main resource takes no status, on create or on update (what the controller
        // relies on when it writes status through /status only).
        var invalidStatus = new JsonObject { ["strategy"] = "both" };
        var created = Instance("checkout");
        created["status"] = invalidStatus.DeepClone();
        var createAnswer = await AnswerAsync(() => cluster.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(
            created, DaprSharedInstance.Group, DaprSharedInstance.Version, ns, DaprSharedInstance.Plural, dryRun: "All"));
        createAnswer.Message.Should().BeNull();
        createAnswer.Object!["status"].Should().BeNull("a create's status is dropped, so not validated either");
        var patchAnswer = await AnswerAsync(() => cluster.Admin.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(new JsonObject { ["status"] = invalidStatus.DeepClone() }.ToJsonString(), V1Patch.PatchType.MergePatch),
            DaprSharedInstance.Group, DaprSharedInstance.Version, ns, DaprSharedInstance.Plural, "orders", dryRun: "All"));
        patchAnswer.Message.Should().BeNull();
        patchAnswer.Object!["status"].Should().BeNull("an update of the main resource leaves the status as it was");
    }

    private static IEnumerable<Row> CreateRows()
    {
        const string NameIsAppId = "self.metadata.name == self.spec.appId";
        const string ReplicasRule = "!has(self.replicas) || !has(self.strategy) || self.strategy == 'deployment'";
        const string ChannelRule = "!has(self.appChannelAddress) || has(self.appPort)";
        var longestAppId = "a" + new string('0', AppIdRules.MaxLength - 1);

        yield return Accepted("metadata.name == spec.appId", "equal", Instance("orders"));
        yield return Refused("metadata.name == spec.appId", "different", Instance("orders", ("appId", "checkout")), Cel("", NameIsAppId));

        yield return Accepted("spec: required", "present", Instance("orders"));
        yield return Refused("spec: required", "missing", Without(Instance("orders"), "spec"), Required("spec"));
        yield return Accepted("spec.appId: required", "present", Instance("orders", ("appProtocol", "grpc")));
        yield return Refused("spec.appId: required", "missing", Instance("orders", ("appId", null)), Required("spec.appId"));

        yield return Accepted("spec.appId: minLength", "one character", Instance("a"));
        yield return Refused("spec.appId: minLength", "empty", Instance("orders", ("appId", "")), MinLength("spec.appId"));
        yield return Accepted("spec.appId: maxLength", $"{AppIdRules.MaxLength} characters", Instance(longestAppId));
        yield return Refused("spec.appId: maxLength", $"{AppIdRules.MaxLength + 1} characters", Instance(longestAppId + "0"), MaxLength("spec.appId"));
        foreach (var appId in new[] { "orders-v2", "a1", "x" })
        {
            yield return Accepted("spec.appId: pattern (DNS-1035 label)", appId, Instance(appId));
        }

        // Each a valid object name (a DNS-1123 subdomain), so only the app-id rule can refuse it.
        foreach (var appId in new[] { "1orders", "orders.v2" })
        {
            yield return Refused("spec.appId: pattern (DNS-1035 label)", appId, Instance(appId), Pattern("spec.appId"));
        }

        foreach (var appId in new[] { "Orders", "orders-", "orders_v2" })
        {
            yield return Refused("spec.appId: pattern (DNS-1035 label)", appId, Instance("orders", ("appId", appId)), Pattern("spec.appId"));
        }

        foreach (var strategy in new[] { SharedStrategyNames.DaemonSet, SharedStrategyNames.Deployment })
        {
            yield return Accepted("spec.strategy: enum", strategy, Instance("orders", ("strategy", strategy)));
        }

        // "DaemonSet" is how the Helm value injector.defaultStrategy spells it, and the webhook reads annotations
        // case-insensitively; the instance takes lower case only.
        foreach (var strategy in new[] { "DaemonSet", "statefulset" })
        {
            yield return Refused("spec.strategy: enum", strategy, Instance("orders", ("strategy", strategy)), Enum("spec.strategy", strategy));
        }

        yield return Accepted("spec.appPort: minimum", InstanceValues.MinPort.ToString(CultureInfo.InvariantCulture), Instance("orders", ("appPort", InstanceValues.MinPort)));
        yield return Refused("spec.appPort: minimum", "0", Instance("orders", ("appPort", InstanceValues.MinPort - 1)), Minimum("spec.appPort"));
        yield return Accepted("spec.appPort: maximum", InstanceValues.MaxPort.ToString(CultureInfo.InvariantCulture), Instance("orders", ("appPort", InstanceValues.MaxPort)));
        yield return Refused("spec.appPort: maximum", "65536", Instance("orders", ("appPort", InstanceValues.MaxPort + 1)), Maximum("spec.appPort"));
        yield return Accepted("spec.appPort: integer", "8080", Instance("orders", ("appPort", 8080)));
        yield return Refused("spec.appPort: integer", "\"8080\" (a string, as in the annotation)", Instance("orders", ("appPort", "8080")), TypeIs("spec.appPort", "integer"));
        yield return Refused("spec.appPort: integer", "80.5", Instance("orders", ("appPort", 80.5)), TypeIs("spec.appPort", "integer"));

        yield return Accepted("spec: appChannelAddress needs appPort", "with appPort", Instance("orders", ("appPort", 8080), ("appChannelAddress", "orders.shop.svc")));
        yield return Accepted("spec: appChannelAddress needs appPort", "appPort alone", Instance("orders", ("appPort", 8080)));
        yield return Refused("spec: appChannelAddress needs appPort", "without appPort", Instance("orders", ("appChannelAddress", "orders.shop.svc")), Cel("spec", ChannelRule));
        foreach (var address in new[] { "orders.shop.svc.cluster.local", "10.1.2.3", "[fd00::1]", "fd00::1", "localhost" })
        {
            yield return Accepted("spec.appChannelAddress: pattern", address, Instance("orders", ("appPort", 8080), ("appChannelAddress", address)));
        }

        foreach (var address in new[] { "http://orders", "orders/api", "orders shop", "-orders", "orders.shop.svc\n" })
        {
            yield return Refused("spec.appChannelAddress: pattern", JsonSerializer.Serialize(address), Instance("orders", ("appPort", 8080), ("appChannelAddress", address)), Pattern("spec.appChannelAddress"));
        }

        yield return Refused("spec.appChannelAddress: minLength", "empty", Instance("orders", ("appPort", 8080), ("appChannelAddress", "")), MinLength("spec.appChannelAddress"));
        yield return Accepted("spec.appChannelAddress: maxLength", $"{InstanceValues.MaxAppChannelAddressLength} characters",
            Instance("orders", ("appPort", 8080), ("appChannelAddress", new string('a', InstanceValues.MaxAppChannelAddressLength))));
        yield return Refused("spec.appChannelAddress: maxLength", $"{InstanceValues.MaxAppChannelAddressLength + 1} characters",
            Instance("orders", ("appPort", 8080), ("appChannelAddress", new string('a', InstanceValues.MaxAppChannelAddressLength + 1))), MaxLength("spec.appChannelAddress"));

        foreach (var protocol in InstanceValues.AppProtocols)
        {
            yield return Accepted("spec.appProtocol: enum", protocol, Instance("orders", ("appProtocol", protocol)));
        }

        foreach (var protocol in new[] { "HTTP", "http2" })
        {
            yield return Refused("spec.appProtocol: enum", protocol, Instance("orders", ("appProtocol", protocol)), Enum("spec.appProtocol", protocol));
        }

        foreach (var config in new[] { "tracing", "tracing.v1", "0-config" })
        {
            yield return Accepted("spec.config: pattern (DNS-1123 subdomain)", config, Instance("orders", ("config", config)));
        }

        foreach (var config in new[] { "Tracing", "tracing_v1", "tracing.", "tracing\n" })
        {
            yield return Refused("spec.config: pattern (DNS-1123 subdomain)", JsonSerializer.Serialize(config), Instance("orders", ("config", config)), Pattern("spec.config"));
        }

        yield return Refused("spec.config: minLength", "empty", Instance("orders", ("config", "")), MinLength("spec.config"));
        yield return Accepted("spec.config: maxLength", $"{InstanceValues.MaxConfigLength} characters", Instance("orders", ("config", new string('c', InstanceValues.MaxConfigLength))));
        yield return Refused("spec.config: maxLength", $"{InstanceValues.MaxConfigLength + 1} characters",
            Instance("orders", ("config", new string('c', InstanceValues.MaxConfigLength + 1))), MaxLength("spec.config"));

        foreach (var level in InstanceValues.LogLevels)
        {
            yield return Accepted("spec.logLevel: enum", level, Instance("orders", ("logLevel", level)));
        }

        foreach (var level in new[] { "trace", "INFO", "Information" })
        {
            yield return Refused("spec.logLevel: enum", level, Instance("orders", ("logLevel", level)), Enum("spec.logLevel", level));
        }

        yield return Accepted("spec.replicas: minimum", InstanceValues.MinReplicas.ToString(CultureInfo.InvariantCulture),
            Instance("orders", ("strategy", "deployment"), ("replicas", InstanceValues.MinReplicas)));
        yield return Refused("spec.replicas: minimum", "0", Instance("orders", ("strategy", "deployment"), ("replicas", InstanceValues.MinReplicas - 1)), Minimum("spec.replicas"));
        yield return Accepted("spec.replicas: maximum", InstanceValues.MaxReplicas.ToString(CultureInfo.InvariantCulture),
            Instance("orders", ("strategy", "deployment"), ("replicas", InstanceValues.MaxReplicas)));
        yield return Refused("spec.replicas: maximum", "101", Instance("orders", ("strategy", "deployment"), ("replicas", InstanceValues.MaxReplicas + 1)), Maximum("spec.replicas"));

        yield return Accepted("spec: replicas only with strategy deployment", "deployment", Instance("orders", ("strategy", "deployment"), ("replicas", 3)));
        yield return Accepted("spec: replicas only with strategy deployment", "strategy unset (the configured default decides)", Instance("orders", ("replicas", 3)));
        yield return Refused("spec: replicas only with strategy deployment", "daemonset", Instance("orders", ("strategy", "daemonset"), ("replicas", 3)), Cel("spec", ReplicasRule));

        foreach (var setting in InstanceSettings.All.Where(s => s.Value.Kind == SettingValueKind.Boolean))
        {
            yield return Accepted($"{setting.SpecPath}: boolean", "true", Instance("orders", (setting.Field, true)));
            yield return Accepted($"{setting.SpecPath}: boolean", "false", Instance("orders", (setting.Field, false)));
            yield return Refused($"{setting.SpecPath}: boolean", "\"true\" (a string, as in the annotation)", Instance("orders", (setting.Field, "true")),
                TypeIs(setting.SpecPath, "boolean"));
        }
    }

    private static IEnumerable<Row> StatusRows()
    {
        var maxItems = (int)At("status.conditions").MaxItems!.Value;

        yield return Accepted("status: every field", "Ready and Conflict conditions, generation, strategy, endpoints", Status(
            ("conditions", new JsonArray(
                Condition(InstanceConditions.Ready, InstanceConditions.StatusTrue, InstanceConditions.ReasonAvailable),
                Condition(InstanceConditions.Conflict, InstanceConditions.StatusFalse, InstanceConditions.ReasonNoConflict))),
            ("observedGeneration", 1),
            ("strategy", SharedStrategyNames.DaemonSet),
            ("endpoints", new JsonObject { ["http"] = "http://orders-dapr-local.shop.svc.cluster.local:3500", ["grpc"] = "orders-dapr-local.shop.svc.cluster.local:50001" })));

        // Every reason the controller writes must pass the reason pattern.
        foreach (var reason in new[]
                 {
                     InstanceConditions.ReasonAvailable, InstanceConditions.ReasonUnavailable, InstanceConditions.ReasonProgressing,
                     InstanceConditions.ReasonInvalidSpec, InstanceConditions.ReasonUnmanagedObject, InstanceConditions.ReasonNoConflict,
                     InstanceConditions.ReasonTrustAnchorsMissing,
                 })
        {
            yield return Accepted("status.conditions[].reason: pattern", reason, Conditions(Condition(InstanceConditions.Ready, InstanceConditions.StatusFalse, reason)));
        }

        yield return Refused("status.conditions[].reason: pattern", "with a space", Conditions(Condition("Ready", "False", "Not ready")), Pattern("status.conditions[0].reason"));
        yield return Refused("status.conditions[].reason: minLength", "empty", Conditions(Condition("Ready", "False", "")), MinLength("status.conditions[0].reason"));
        yield return Accepted("status.conditions[].reason: maxLength", "1024 characters", Conditions(Condition("Ready", "False", new string('R', 1024))));
        yield return Refused("status.conditions[].reason: maxLength", "1025 characters", Conditions(Condition("Ready", "False", new string('R', 1025))), MaxLength("status.conditions[0].reason"));

        yield return Accepted("status.conditions: maxItems", $"{maxItems} conditions",
            Conditions([.. Enumerable.Range(1, maxItems).Select(i => Condition($"Type{i}", "True", "Reason"))]));
        yield return Refused("status.conditions: maxItems", $"{maxItems + 1} conditions",
            Conditions([.. Enumerable.Range(1, maxItems + 1).Select(i => Condition($"Type{i}", "True", "Reason"))]), MaxItems("status.conditions", maxItems + 1));
        yield return Refused("status.conditions: a map keyed by type", "Ready twice",
            Conditions(Condition("Ready", "True", "A"), Condition("Ready", "False", "B")), ["status.conditions[1]: Duplicate value"]);

        foreach (var field in At("status.conditions[0]").Required)
        {
            var condition = Condition("Ready", "True", "A");
            condition.Remove(field);
            yield return Refused("status.conditions[]: required fields", $"without {field}", Conditions(condition), Required($"status.conditions[0].{field}"));
        }

        foreach (var type in new[] { "Ready", "dapr-shared.io/Ready", "Ready.v2", new string('t', 316) })
        {
            yield return Accepted("status.conditions[].type: pattern and maxLength", type.Length > 40 ? $"{type.Length} characters" : type, Conditions(Condition(type, "True", "A")));
        }

        yield return Refused("status.conditions[].type: pattern", "Ready!", Conditions(Condition("Ready!", "True", "A")), Pattern("status.conditions[0].type"));
        yield return Refused("status.conditions[].type: pattern", "/Ready", Conditions(Condition("/Ready", "True", "A")), Pattern("status.conditions[0].type"));
        yield return Refused("status.conditions[].type: maxLength", "317 characters", Conditions(Condition(new string('t', 317), "True", "A")), MaxLength("status.conditions[0].type"));

        foreach (var status in new[] { InstanceConditions.StatusTrue, InstanceConditions.StatusFalse, "Unknown" })
        {
            yield return Accepted("status.conditions[].status: enum", status, Conditions(Condition("Ready", status, "A")));
        }

        yield return Refused("status.conditions[].status: enum", "true", Conditions(Condition("Ready", "true", "A")), Enum("status.conditions[0].status", "true"));

        yield return Accepted("status.conditions[].lastTransitionTime: date-time", LastTransition, Conditions(Condition("Ready", "True", "A")));
        var undated = Condition("Ready", "True", "A");
        undated["lastTransitionTime"] = "yesterday";
        yield return Refused("status.conditions[].lastTransitionTime: date-time", "yesterday", Conditions(undated), TypeIs("status.conditions[0].lastTransitionTime", "date-time"));

        var messaged = Condition("Ready", "True", "A");
        messaged["message"] = new string('m', 32768);
        yield return Accepted("status.conditions[].message: maxLength", "32768 characters", Conditions(messaged));
        var overlong = Condition("Ready", "True", "A");
        overlong["message"] = new string('m', 32769);
        yield return Refused("status.conditions[].message: maxLength", "32769 characters", Conditions(overlong), MaxLength("status.conditions[0].message"));

        var observed = Condition("Ready", "True", "A");
        observed["observedGeneration"] = 0;
        yield return Accepted("status.conditions[].observedGeneration: minimum", "0", Conditions(observed));
        var negative = Condition("Ready", "True", "A");
        negative["observedGeneration"] = -1;
        yield return Refused("status.conditions[].observedGeneration: minimum", "-1", Conditions(negative), Minimum("status.conditions[0].observedGeneration"));

        yield return Accepted("status.observedGeneration: minimum", "0", Status(("observedGeneration", 0)));
        yield return Refused("status.observedGeneration: minimum", "-1", Status(("observedGeneration", -1)), Minimum("status.observedGeneration"));

        yield return Accepted("status.strategy: enum", SharedStrategyNames.Deployment, Status(("strategy", SharedStrategyNames.Deployment)));
        yield return Refused("status.strategy: enum", "both", Status(("strategy", "both")), Enum("status.strategy", "both"));

        foreach (var endpoint in new[] { "http", "grpc" })
        {
            yield return Accepted($"status.endpoints.{endpoint}: maxLength", "512 characters", Status(("endpoints", new JsonObject { [endpoint] = new string('e', 512) })));
            yield return Refused($"status.endpoints.{endpoint}: maxLength", "513 characters",
                Status(("endpoints", new JsonObject { [endpoint] = new string('e', 513) })), MaxLength($"status.endpoints.{endpoint}"));
        }
    }

    /// <summary>Sends every row, each on its own, and returns what went wrong, one line per row naming it.</summary>
    private static async Task<List<string>> SendAllAsync(IEnumerable<Row> rows, string part, Func<Row, Task<object>> send, bool compareReturned = true)
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var row in rows)
        {
            count++;
            var answer = await AnswerAsync(() => send(row));
            if (row.Refusal is null)
            {
                if (answer.Message is not null)
                {
                    failures.Add($"[{row.Rule} | {row.Case}] should be accepted, was refused: {answer.Message}");
                }
                else if (compareReturned && !JsonNode.DeepEquals(answer.Object![part], row.Sent[part]))
                {
                    failures.Add($"[{row.Rule} | {row.Case}] accepted, but the server returned {part} {answer.Object![part]?.ToJsonString()} for {row.Sent[part]?.ToJsonString()}");
                }
            }
            else if (answer.Message is null)
            {
                failures.Add($"[{row.Rule} | {row.Case}] should be refused, was accepted");
            }
            else if (row.Refusal.Where(expected => !answer.Message.Contains(expected, StringComparison.Ordinal)).ToList() is var missing
                     && (answer.Code != 422 || missing.Count > 0))
            {
                failures.Add($"[{row.Rule} | {row.Case}] refused with {answer.Code}, expected 422 saying {string.Join(" and ", missing.Select(m => $"\"{m}\""))}: {answer.Message}");
            }
        }

        count.Should().BePositive();
        return failures;
    }

    private static async Task<Answer> AnswerAsync(Func<Task<object>> send)
    {
        try
        {
            var returned = await send();
            return new Answer(JsonNode.Parse(JsonSerializer.Serialize(returned))!.AsObject(), null, null);
        }
        catch (HttpOperationException e)
        {
            var status = JsonNode.Parse(e.Response.Content);
            return new Answer(null, (int)e.Response.StatusCode, (string?)status?["message"] ?? e.Response.Content);
        }
    }

    private async Task CreateAsync(string ns, JsonObject instance) =>
        await cluster.Admin.CustomObjects.CreateNamespacedCustomObjectAsync(
            instance, DaprSharedInstance.Group, DaprSharedInstance.Version, ns, DaprSharedInstance.Plural, fieldValidation: "Strict");

    /// <summary>An instance named <paramref name="appId"/> with that app-id and <paramref name="fields"/> in its spec
    /// (a null value removes the field, appId included).</summary>
    private static JsonObject Instance(string appId, params (string Key, JsonNode? Value)[] fields)
    {
        var spec = new JsonObject { ["appId"] = appId };
        foreach (var (key, value) in fields)
        {
            if (value is null)
            {
                spec.Remove(key);
            }
            else
            {
                spec[key] = value;
            }
        }

        return new JsonObject
        {
            ["apiVersion"] = DaprSharedInstance.GroupVersion,
            ["kind"] = DaprSharedInstance.EntityKind,
            ["metadata"] = new JsonObject { ["name"] = appId },
            ["spec"] = spec,
        };
    }

    private static JsonObject Without(JsonObject obj, string key)
    {
        obj.Remove(key);
        return obj;
    }

    /// <summary>A merge patch of the spec; a null value removes the field.</summary>
    private static JsonObject Spec(params (string Key, JsonNode? Value)[] fields) =>
        new() { ["spec"] = new JsonObject(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))) };

    private static JsonObject Status(params (string Key, JsonNode? Value)[] fields) =>
        new() { ["status"] = new JsonObject(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))) };

    private static JsonObject Conditions(params JsonObject[] conditions) => Status(("conditions", new JsonArray([.. conditions])));

    private static JsonObject Condition(string type, string status, string reason) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastTransitionTime"] = LastTransition,
        ["reason"] = reason,
        ["message"] = "test",
    };

    private static Row Accepted(string rule, string @case, JsonObject sent) => new(rule, @case, sent, null);

    private static Row Refused(string rule, string @case, JsonObject sent, string[] refusal) => new(rule, @case, sent, refusal);

    // What the API server says for each kind of rule, with the CRD's own values. `field` is the path the server
    // names, e.g. status.conditions[0].reason.
    private static string[] Cel(string field, string rule)
    {
        var message = At(field).XKubernetesValidations.Single(v => v.Rule == rule).Message;
        return [$"{(field.Length == 0 ? "<nil>" : field)}: Invalid value", message];
    }

    private static string[] Pattern(string field) => [$"{field}: Invalid value", $"should match '{At(field).Pattern}'"];

    private static string[] Enum(string field, string value) =>
        [$"{field}: Unsupported value: \"{value}\": supported values: {string.Join(", ", At(field).EnumProperty.Select(v => $"\"{v}\""))}"];

    private static string[] Minimum(string field) =>
        [$"{field}: Invalid value", $"should be greater than or equal to {At(field).Minimum!.Value.ToString(CultureInfo.InvariantCulture)}"];

    private static string[] Maximum(string field) =>
        [$"{field}: Invalid value", $"should be less than or equal to {At(field).Maximum!.Value.ToString(CultureInfo.InvariantCulture)}"];

    private static string[] MinLength(string field) => [$"{field}: Invalid value", $"should be at least {At(field).MinLength} chars long"];

    private static string[] MaxLength(string field) => [$"{field}: Too long: may not be more than {At(field).MaxLength} bytes"];

    private static string[] MaxItems(string field, int count) => [$"{field}: Too many: {count}: must have at most {At(field).MaxItems} items"];

    private static string[] Required(string field)
    {
        var parent = field.Contains('.', StringComparison.Ordinal) ? At(field[..field.LastIndexOf('.')]) : Schema.Value;
        parent.Required.Should().Contain(field[(field.LastIndexOf('.') + 1)..], $"the CRD requires {field}");
        return [$"{field}: Required value"];
    }

    private static string[] TypeIs(string field, string type)
    {
        var schema = At(field);
        new[] { schema.Type, schema.Format }.Should().Contain(type, $"the CRD types {field}");
        return [$"{field}: Invalid value", $"must be of type {type}"];
    }

    /// <summary>The schema of a field the server names (<c>spec.appId</c>, <c>status.conditions[0].type</c>; "" is the
    /// root).</summary>
    private static V1JSONSchemaProps At(string field)
    {
        var schema = Schema.Value;
        foreach (var part in field.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            schema = schema.Properties[bracket < 0 ? part : part[..bracket]];
            if (bracket >= 0)
            {
                schema = KubernetesJson.Deserialize<V1JSONSchemaProps>(KubernetesJson.Serialize(schema.Items));
            }
        }

        return schema;
    }

    /// <summary>One request: <see cref="Refusal"/> null means the server must accept it, else every string in it must
    /// be in the refusal's message.</summary>
    private sealed record Row(string Rule, string Case, JsonObject Sent, string[]? Refusal);

    private sealed record Answer(JsonObject? Object, int? Code, string? Message);
}
