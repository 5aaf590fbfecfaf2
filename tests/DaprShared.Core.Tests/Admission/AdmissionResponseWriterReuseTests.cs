using System.Text;
using System.Text.Json.Nodes;
using DaprShared.Core.Admission;
using DaprShared.Core.Contract;
using DaprShared.TestData;

namespace DaprShared.Core.Tests.Admission;

/// <summary>The response writers are kept per thread and reused: a response must never carry anything of the one
/// written before it, whatever that one was (a large patch, a failed write, another output).</summary>
public sealed class AdmissionResponseWriterReuseTests
{
    [Fact]
    public void Handle_AfterALargePatchAndAnotherOutput_SameBytesAsAFreshWrite()
    {
        var orders = Reviews.Wire(Reviews.Load(Reviews.Orders));
        var first = Respond(orders);

        Respond(LargePod(containers: 150, variables: 2)).Length.Should().BeGreaterThan(64 * 1024, "its patch outgrows the kept buffer");
        Respond(Reviews.Wire(Reviews.Load(Reviews.Plain)));
        var again = Respond(orders);

        again.Should().Equal(first);
    }

    [Fact]
    public void Handle_ManyThreadsAtOnce_EachResponseIsItsOwn()
    {
        var bodies = Reviews.AllFixtureNames().Select(name => Reviews.Wire(Reviews.Load((string)name[0]))).ToArray();
        var expected = bodies.Select(Respond).ToArray();

        Parallel.For(0, 2_000, i =>
        {
            var index = i % bodies.Length;
            Respond(bodies[index]).Should().Equal(expected[index]);
        });
    }

    private static byte[] Respond(byte[] body)
    {
        using var output = new PooledBufferWriter();
        AdmissionReviewHandler.Handle(body, namespaceOptedIn: false, new ClusterSettings(), output).Error.Should().BeNull();
        return output.WrittenSpan.ToArray();
    }

    // Many containers without env: each gets an env array and three variables, so the patch is large.
    private static byte[] LargePod(int containers, int variables)
    {
        var review = Reviews.Load(Reviews.Orders);
        var list = new JsonArray();
        for (var c = 0; c < containers; c++)
        {
            var env = new JsonArray();
            for (var v = 0; v < variables; v++)
            {
                env.Add(new JsonObject { ["name"] = $"VAR_{v}", ["value"] = "x" });
            }

            list.Add(new JsonObject { ["name"] = $"c{c}", ["image"] = "example", ["env"] = c % 2 == 0 ? env : null });
        }

        Reviews.PodOf(review)["spec"]!["containers"] = list;
        return Encoding.UTF8.GetBytes(review.ToJsonString());
    }
}
