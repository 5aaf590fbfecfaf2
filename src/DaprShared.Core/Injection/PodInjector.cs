using DaprShared.Core.Contract;
using DaprShared.Core.Patching;

namespace DaprShared.Core.Injection;

/// <summary>Pod in, decision and RFC 6902 operations out (DESIGN §2–§3). Pure: no I/O, no clock, no randomness.
/// Idempotent by construction: every operation is emitted only after checking that its result is not already
/// there, so the webhook applied to its own output yields no operations.</summary>
public static class PodInjector
{
    public static InjectionResult Inject(in PodInjectionRequest request, ClusterSettings settings) =>
        Inject(PodFactsReader.FromElement(request.Pod), request.Namespace, request.NamespaceOptedIn, settings);

    /// <summary>The decision from the facts of a pod already scanned (the webhook scans them with the review).</summary>
    internal static InjectionResult Inject(PodFacts pod, string ns, bool namespaceOptedIn, ClusterSettings settings)
    {

        var enabled = pod.Annotation(DaprSharedKeys.Enabled);
        var (optedIn, skipReason) = OptIn.Decide(enabled, namespaceOptedIn);
        if (!optedIn)
        {
            return skipReason == ReasonCodes.InvalidEnabledValue
                ? Skip(skipReason, $"{DaprSharedKeys.Enabled}={UserText.Quote(enabled)} is neither \"true\" nor \"false\"; pod left unchanged")
                : Skip(skipReason!, null);
        }

        if (HasDaprSidecar(pod))
        {
            return Skip(ReasonCodes.DaprSidecarPresent, "the pod already has a daprd sidecar; shared endpoints not injected");
        }

        var appId = pod.Annotation(DaprSharedKeys.AppId) ?? pod.Annotation(DaprSharedKeys.DaprAppId);
        if (string.IsNullOrEmpty(appId))
        {
            return Skip(ReasonCodes.MissingAppId, $"set {DaprSharedKeys.AppId} (or {DaprSharedKeys.DaprAppId}); pod left unchanged");
        }

        if (!AppIdRules.IsValid(appId))
        {
            return Skip(
                ReasonCodes.InvalidAppId,
                $"app-id {UserText.Quote(appId)} must be a DNS-1035 label of at most {AppIdRules.MaxLength} characters; pod left unchanged");
        }

        var strategyValue = pod.Annotation(DaprSharedKeys.Strategy);
        var strategy = settings.DefaultStrategy;
        if (strategyValue is not null && !SharedStrategyNames.TryParse(strategyValue, out strategy))
        {
            return Skip(
                ReasonCodes.InvalidStrategy,
                $"{DaprSharedKeys.Strategy}={UserText.Quote(strategyValue)} is neither \"{SharedStrategyNames.DaemonSet}\" nor \"{SharedStrategyNames.Deployment}\"; pod left unchanged",
                appId);
        }

        if (!HasAnyContainer(pod))
        {
            return Skip(ReasonCodes.NoContainers, "the pod has no containers; nothing to inject", appId);
        }

        var warnings = new List<string>();
        AnnotationChecks.AddWarnings(pod, appId, settings, warnings);

        var operations = new List<PatchOperation>();
        MetadataPatcher.AddOperations(pod, appId, strategy, operations, warnings);
        EnvPatcher.AddOperations(pod, InjectedEnv.For(appId, ns, strategy, settings), operations, warnings);

        return operations.Count > 0
            ? new InjectionResult(InjectionOutcome.Patched, ReasonCodes.Injected, appId, strategy, operations, warnings)
            : new InjectionResult(InjectionOutcome.Unchanged, ReasonCodes.AlreadyInjected, appId, strategy, [], warnings);
    }

    private static InjectionResult Skip(string reason, string? warning, string? appId = null) =>
        new(InjectionOutcome.Skipped, reason, appId, null, [], warning is null ? [] : [WarningText.Format(reason, warning)]);

    private static bool HasDaprSidecar(PodFacts pod) =>
        ContainsNamed(pod, pod.Containers, DaprSharedKeys.DaprSidecarContainerName)
        || ContainsNamed(pod, pod.InitContainers, DaprSharedKeys.DaprSidecarContainerName);

    private static bool HasAnyContainer(PodFacts pod) => pod.Containers is { IsArray: true, Items.Count: > 0 };

    private static bool ContainsNamed(PodFacts pod, PodFacts.ContainerList containers, string name)
    {
        foreach (var container in containers.Items)
        {
            if (container is not null && container.Name.StringEquals(pod.Source, name))
            {
                return true;
            }
        }

        return false;
    }
}
