using DaprShared.Controller.Api;
using DaprShared.Kubernetes.Api;
using DaprShared.Controller.Diagnostics;
using DaprShared.Controller.Runtime;
using DaprShared.Kubernetes.Runtime;
using Microsoft.Extensions.Logging;

namespace DaprShared.Controller.Reconciliation;

/// <summary>A row of <see cref="OwnedKinds"/> without its types: what the runtime and the RBAC check need.</summary>
internal interface IOwnedKindDeclaration
{
    string ApiVersion { get; }

    string Kind { get; }

    /// <summary>The API group (empty for the core group), as RBAC rules name it.</summary>
    string Group { get; }

    /// <summary>The resource (plural), as RBAC rules and request paths name it.</summary>
    string Plural { get; }

    /// <summary>The collection path across all namespaces, e.g. <c>/apis/apps/v1/deployments</c>.</summary>
    string CollectionPath { get; }

    /// <summary>The verbs the controller needs on the resource in every namespace (its ClusterRole grants exactly these).</summary>
    IReadOnlyList<string> Verbs { get; }

    /// <summary>The kind's watch cache of objects matching <paramref name="labelSelector"/> and its calls.</summary>
    IOwnedKind Create(KubernetesApiClient client, string labelSelector, InformerSettings settings, ControllerMetrics metrics, ILoggerFactory loggers);
}
