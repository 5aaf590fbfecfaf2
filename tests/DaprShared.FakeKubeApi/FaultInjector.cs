using System.Net;

namespace DaprShared.FakeKubeApi;

/// <summary>Makes the fake slow or failing on purpose. Rules are checked in the order they were added; the
/// first rule that matches a request and still has uses left decides.</summary>
public sealed class FaultInjector
{
    private readonly object gate = new();
    private readonly List<FaultRule> rules = [];

    /// <summary>Answers the next <paramref name="count"/> matching requests with a Status error.</summary>
    public FaultRule FailNext(int count, HttpStatusCode status = HttpStatusCode.InternalServerError, Func<FakeRequest, bool>? when = null) =>
        Add(new FaultRule(FaultAction.Fail, count, when) { Status = status });

    /// <summary>Fails every matching request until the rule is removed.</summary>
    public FaultRule FailAll(HttpStatusCode status = HttpStatusCode.InternalServerError, Func<FakeRequest, bool>? when = null) =>
        Add(new FaultRule(FaultAction.Fail, null, when) { Status = status });

    /// <summary>Delays matching requests (all of them, or the next <paramref name="count"/>).</summary>
    public FaultRule Delay(TimeSpan delay, Func<FakeRequest, bool>? when = null, int? count = null) =>
        Add(new FaultRule(FaultAction.Delay, count, when) { DelayBy = delay });

    /// <summary>Aborts the connection of the next <paramref name="count"/> matching requests without an answer.</summary>
    public FaultRule Drop(int count, Func<FakeRequest, bool>? when = null) => Add(new FaultRule(FaultAction.Drop, count, when));

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    internal void Remove(FaultRule rule)
    {
        lock (gate)
        {
            rules.Remove(rule);
        }
    }

    internal FaultRule? Match(FakeRequest request)
    {
        lock (gate)
        {
            foreach (var rule in rules)
            {
                if (rule.TryUse(request))
                {
                    if (rule.Remaining == 0)
                    {
                        rules.Remove(rule);
                    }

                    return rule;
                }
            }

            return null;
        }
    }

    private FaultRule Add(FaultRule rule)
    {
        rule.Owner = this;
        lock (gate)
        {
            rules.Add(rule);
        }

        return rule;
    }
}
