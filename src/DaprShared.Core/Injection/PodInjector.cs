using DaprShared.Core.Contract;

namespace DaprShared.Core.Injection;

/// <summary>Pod in, decision and RFC 6902 operations out (DESIGN §2–§3). Pure and idempotent.</summary>
public static class PodInjector
{
    public static InjectionResult Inject(in PodInjectionRequest request, ClusterSettings settings) =>
        throw new NotImplementedException("being written");
}
