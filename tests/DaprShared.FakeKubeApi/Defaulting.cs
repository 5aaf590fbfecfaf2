using System.Text.Json.Nodes;
using k8s.Models;

namespace DaprShared.FakeKubeApi;

/// <summary>A few of the defaults the real API server fills in, so that a client comparing "what I asked for" with
/// "what is stored" meets the same extra fields and normalised values it meets on a real cluster.</summary>
/// <remarks>Covered: Service type/sessionAffinity/internalTrafficPolicy/port protocol/targetPort and a clusterIP;
/// pod specs (Pods and templates of workloads) restartPolicy, dnsPolicy, schedulerName,
/// terminationGracePeriodSeconds, container terminationMessagePath/Policy, imagePullPolicy, port protocol, probe
/// thresholds; Deployment replicas/strategy/revisionHistoryLimit/progressDeadlineSeconds; DaemonSet
/// updateStrategy/revisionHistoryLimit; Secret type Opaque and stringData folded into data; resource quantities
/// canonicalised ("0.5" becomes "500m").</remarks>
internal static class Defaulting
{
    private static int nextClusterIp = 10;

    public static void Apply(ResourceType type, JsonObject obj)
    {
        if (type.Group.Length == 0 && type.Kind == "Secret")
        {
            Secret(obj);
            return;
        }

        if (obj["spec"] is not JsonObject spec)
        {
            return;
        }

        switch (type.Group, type.Kind)
        {
            case ("", "Service"):
                Service(spec);
                break;
            case ("", "Pod"):
                PodSpec(spec);
                break;
            case ("apps", "Deployment"):
                SetIfAbsent(spec, "replicas", 1);
                SetIfAbsent(spec, "revisionHistoryLimit", 10);
                SetIfAbsent(spec, "progressDeadlineSeconds", 600);
                SetIfAbsent(spec, "strategy", new JsonObject
                {
                    ["type"] = "RollingUpdate",
                    ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" },
                });
                Template(spec);
                break;
            case ("apps", "DaemonSet"):
                SetIfAbsent(spec, "revisionHistoryLimit", 10);
                SetIfAbsent(spec, "updateStrategy", new JsonObject
                {
                    ["type"] = "RollingUpdate",
                    ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 1, ["maxSurge"] = 0 },
                });
                Template(spec);
                break;
            case ("apps", "StatefulSet" or "ReplicaSet") or ("batch", "Job"):
                Template(spec);
                break;
        }
    }

    // type Opaque, and stringData folded into data (base64), as the real server stores a Secret.
    private static void Secret(JsonObject secret)
    {
        SetIfAbsent(secret, "type", "Opaque");
        if (secret["stringData"] is JsonObject strings)
        {
            var data = secret["data"] as JsonObject ?? new JsonObject();
            foreach (var (key, value) in strings)
            {
                data[key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
            }

            secret["data"] = data;
        }

        secret.Remove("stringData");
    }

    private static void Service(JsonObject spec)
    {
        SetIfAbsent(spec, "type", "ClusterIP");
        SetIfAbsent(spec, "sessionAffinity", "None");
        SetIfAbsent(spec, "internalTrafficPolicy", "Cluster");
        if (spec["type"]?.GetValue<string>() != "ExternalName" && spec["clusterIP"] is null)
        {
            var ip = Interlocked.Increment(ref nextClusterIp);
            spec["clusterIP"] = $"10.96.{ip / 250}.{ip % 250}";
            spec["clusterIPs"] = new JsonArray(spec["clusterIP"]!.GetValue<string>());
        }

        foreach (var port in Items(spec["ports"]))
        {
            SetIfAbsent(port, "protocol", "TCP");
            if (port["targetPort"] is null && port["port"] is JsonValue number)
            {
                port["targetPort"] = number.DeepClone();
            }
        }
    }

    private static void Template(JsonObject spec)
    {
        if (spec["template"] is JsonObject template && template["spec"] is JsonObject podSpec)
        {
            PodSpec(podSpec);
        }
    }

    private static void PodSpec(JsonObject spec)
    {
        SetIfAbsent(spec, "restartPolicy", "Always");
        SetIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        SetIfAbsent(spec, "schedulerName", "default-scheduler");
        SetIfAbsent(spec, "terminationGracePeriodSeconds", 30);
        SetIfAbsent(spec, "securityContext", new JsonObject());
        foreach (var container in Items(spec["containers"]).Concat(Items(spec["initContainers"])))
        {
            SetIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
            SetIfAbsent(container, "terminationMessagePolicy", "File");
            var image = container["image"]?.GetValue<string>() ?? "";
            var tag = image.Contains('@', StringComparison.Ordinal) ? "digest" : image.LastIndexOf(':') > image.LastIndexOf('/') ? image[(image.LastIndexOf(':') + 1)..] : "latest";
            SetIfAbsent(container, "imagePullPolicy", tag == "latest" ? "Always" : "IfNotPresent");
            foreach (var port in Items(container["ports"]))
            {
                SetIfAbsent(port, "protocol", "TCP");
            }

            foreach (var probeName in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
            {
                if (container[probeName] is JsonObject probe)
                {
                    SetIfAbsent(probe, "timeoutSeconds", 1);
                    SetIfAbsent(probe, "periodSeconds", 10);
                    SetIfAbsent(probe, "successThreshold", 1);
                    SetIfAbsent(probe, "failureThreshold", 3);
                    if (probe["httpGet"] is JsonObject httpGet)
                    {
                        SetIfAbsent(httpGet, "scheme", "HTTP");
                    }
                }
            }

            if (container["resources"] is JsonObject resources)
            {
                Canonicalize(resources["limits"]);
                Canonicalize(resources["requests"]);
            }
        }
    }

    private static void Canonicalize(JsonNode? quantities)
    {
        if (quantities is not JsonObject map)
        {
            return;
        }

        foreach (var key in map.Select(p => p.Key).ToList())
        {
            if (map[key] is JsonValue value)
            {
                try
                {
                    map[key] = new ResourceQuantity(value.ToString()).ToString();
                }
                catch (FormatException)
                {
                    throw new ApiError(System.Net.HttpStatusCode.UnprocessableEntity, "Invalid", $"quantities must match the regular expression: {value}");
                }
            }
        }
    }

    private static IEnumerable<JsonObject> Items(JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonObject>() : [];

    private static void SetIfAbsent(JsonObject obj, string key, JsonNode value)
    {
        if (obj[key] is null)
        {
            obj[key] = value;
        }
    }
}
