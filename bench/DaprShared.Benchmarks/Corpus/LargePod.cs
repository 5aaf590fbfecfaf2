using System.Text.Json.Nodes;

namespace DaprShared.Benchmarks.Corpus;

/// <summary>A big pod derived from a captured review (as the test-data README asks: derive, don't hand-write):
/// many containers with many variables, plus annotations, volumes and mounts, and the managedFields entries a real
/// API server would carry for all of them. The pod is what makes the body big; what the webhook adds stays the same
/// (3 variables per container), so the cost of reading should grow with the pod and the allocations should not.</summary>
public static class LargePod
{
    private const string Template = "orders-deployment-pod";

    /// <param name="containers">Number of regular containers.</param>
    /// <param name="envPerContainer">Variables per container (the template's own two are replaced).</param>
    /// <param name="optedIn">False removes <c>dapr-shared.io/enabled</c>, so the pod is admitted untouched.</param>
    public static byte[] Review(int containers, int envPerContainer, bool optedIn)
    {
        var path = RepositoryFiles.CapturedReviews().Single(r => r.Name == Template).Path;
        var review = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var pod = review["request"]!["object"]!.AsObject();
        var metadata = pod["metadata"]!.AsObject();
        var spec = pod["spec"]!.AsObject();

        var annotations = metadata["annotations"]!.AsObject();
        if (!optedIn)
        {
            annotations.Remove("dapr-shared.io/enabled");
        }

        for (var i = 0; i < 40; i++)
        {
            annotations[$"example.com/annotation-{i:D2}"] = $"value {i} of a pod annotation that tools like to add";
        }

        var volumes = spec["volumes"]!.AsArray();
        var template = spec["containers"]!.AsArray()[0]!.AsObject();
        var generated = new JsonArray();
        var managedContainers = new JsonObject();
        for (var c = 0; c < containers; c++)
        {
            var volumeName = $"data-{c}";
            volumes.Add(new JsonObject
            {
                ["name"] = volumeName,
                ["configMap"] = new JsonObject { ["name"] = $"config-{c}", ["defaultMode"] = 420 },
            });

            var container = template.DeepClone().AsObject();
            var name = $"worker-{c}";
            container["name"] = name;
            container["env"] = EnvVars(c, envPerContainer);
            container["volumeMounts"]!.AsArray().Add(new JsonObject { ["name"] = volumeName, ["mountPath"] = $"/data/{c}" });
            generated.Add(container);
            managedContainers[$"k:{{\"name\":\"{name}\"}}"] = ManagedContainer(c, envPerContainer);
        }

        spec["containers"] = generated;
        var managedSpec = metadata["managedFields"]!.AsArray()[0]!["fieldsV1"]!["f:spec"]!.AsObject();
        managedSpec["f:containers"] = managedContainers;

        return WireJson.Compact(review);
    }

    private static JsonArray EnvVars(int container, int count)
    {
        var env = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            // Mostly plain values, some valueFrom, as real workloads have; none clash with what the webhook adds.
            env.Add(i % 10 == 9
                ? new JsonObject
                {
                    ["name"] = $"SECRET_{container}_{i:D4}",
                    ["valueFrom"] = new JsonObject
                    {
                        ["secretKeyRef"] = new JsonObject { ["name"] = $"app-secret-{container}", ["key"] = $"key-{i}" },
                    },
                }
                : new JsonObject { ["name"] = $"SETTING_{container}_{i:D4}", ["value"] = $"value-{i}-for-container-{container}" });
        }

        return env;
    }

    private static JsonObject ManagedContainer(int container, int count)
    {
        var env = new JsonObject { ["."] = new JsonObject() };
        for (var i = 0; i < count; i++)
        {
            var name = i % 10 == 9 ? $"SECRET_{container}_{i:D4}" : $"SETTING_{container}_{i:D4}";
            env[$"k:{{\"name\":\"{name}\"}}"] = new JsonObject { ["."] = new JsonObject(), ["f:name"] = new JsonObject() };
        }

        return new JsonObject { ["."] = new JsonObject(), ["f:env"] = env, ["f:image"] = new JsonObject(), ["f:name"] = new JsonObject() };
    }
}
