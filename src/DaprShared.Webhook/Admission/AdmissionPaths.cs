namespace DaprShared.Webhook.Admission;

/// <summary>The webhook's paths. The API server appends <c>?timeout=10s</c>; a query string cannot be part of the
/// registered path, which is why the namespace opt-in has a path of its own.</summary>
public static class AdmissionPaths
{
    public const string PodOptIn = "/mutate";
    public const string NamespaceOptIn = "/mutate/namespace-opt-in";
    public const string Noop = "/noop";
}
