using System.Text.Json.Nodes;
using DaprShared.Core.Contract;
using DaprShared.Core.Injection;
using DaprShared.Core.Tests.Support;
using DaprShared.TestData;

namespace DaprShared.Core.Tests.Injection;

/// <summary>Over many generated pods (seeded, so failures reproduce): the patch applies parent-first, the webhook
/// applied to its own output yields no patch, and every container ends with each variable exactly once.</summary>
public sealed class IdempotencyPropertyTests
{
    private static readonly string[] OurVariables = [EnvNames.HttpEndpoint, EnvNames.GrpcEndpoint, EnvNames.ApiToken];

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 300).Select(seed => new object[] { seed });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Inject_GeneratedPod_SecondPassChangesNothing(int seed)
    {
        var random = new Random(seed);
        var review = Reviews.Load(Reviews.Orders);
        review["request"]!["object"] = GeneratePod(random);
        var namespaceOptedIn = random.Next(2) == 0;

        var first = ReviewHandler.Handle(review, namespaceOptedIn);
        var patched = first.PatchedPod(review);
        review["request"]!["object"] = patched.DeepClone();
        var second = ReviewHandler.Handle(review, namespaceOptedIn);

        second.Patch.Should().BeNull($"seed {seed}: the second pass must be empty, first patch was {first.PatchJson}");
        second.Reason.Should().Be(first.Reason == ReasonCodes.Injected ? ReasonCodes.AlreadyInjected : first.Reason);
        if (first.Reason is ReasonCodes.Injected)
        {
            foreach (var container in new[] { "containers", "initContainers" }.SelectMany(l => patched["spec"]![l]?.AsArray() ?? []))
            {
                var names = container!["env"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToList();
                foreach (var variable in OurVariables)
                {
                    names.Count(n => n == variable).Should().Be(1, $"seed {seed}: {variable} exactly once");
                }
            }
        }
    }

    internal static JsonObject GeneratePod(Random random)
    {
        var annotations = new JsonObject();
        if (random.Next(4) > 0)
        {
            annotations[DaprSharedKeys.Enabled] = Pick(random, "true", "TRUE", "false", "maybe");
        }

        if (random.Next(5) > 0)
        {
            annotations[random.Next(2) == 0 ? DaprSharedKeys.AppId : DaprSharedKeys.DaprAppId] = Pick(random, "orders", "a-b-c", "x1");
        }

        if (random.Next(3) == 0)
        {
            annotations[DaprSharedKeys.Strategy] = Pick(random, "daemonset", "deployment", "Deployment");
        }

        if (random.Next(3) == 0)
        {
            annotations[DaprSharedKeys.DaprEnabled] = Pick(random, "true", "false", "1");
        }

        var metadata = new JsonObject { ["generateName"] = "gen-" };
        if (annotations.Count > 0 || random.Next(2) == 0)
        {
            metadata["annotations"] = annotations;
        }

        if (random.Next(2) == 0)
        {
            metadata["labels"] = new JsonObject { ["app"] = "x" };
        }

        var spec = new JsonObject { ["containers"] = Containers(random, 1 + random.Next(4)) };
        if (random.Next(2) == 0)
        {
            spec["initContainers"] = Containers(random, random.Next(3));
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = metadata, ["spec"] = spec };
    }

    private static JsonArray Containers(Random random, int count)
    {
        var containers = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var container = new JsonObject { ["name"] = $"c{i}", ["image"] = "example/app:1" };
            switch (random.Next(4))
            {
                case 0:
                    break;
                case 1:
                    container["env"] = new JsonArray();
                    break;
                default:
                    var env = new JsonArray { new JsonObject { ["name"] = "USER_VAR", ["value"] = "1" } };
                    if (random.Next(2) == 0)
                    {
                        env.Add(new JsonObject { ["name"] = Pick(random, OurVariables), ["value"] = "http://mine:1" });
                    }

                    container["env"] = env;
                    break;
            }

            containers.Add(container);
        }

        return containers;
    }

    private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];
}
