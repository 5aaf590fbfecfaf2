using System.Text.Json;

namespace DaprShared.Core.Injection;

/// <summary>One pod to decide on. <paramref name="Pod"/> is the pod object as JSON (or any object with
/// <c>metadata</c> and <c>spec</c> shaped like a pod, such as a workload's pod template).</summary>
/// <param name="Pod">The pod (or pod template) JSON.</param>
/// <param name="Namespace">The namespace the pod is created in (AdmissionReview <c>request.namespace</c>).</param>
/// <param name="NamespaceOptedIn">True when the pod arrived through the namespace opt-in entry, i.e. its
/// namespace carries the label <c>dapr-shared.io/enabled=true</c>. An AdmissionReview does not carry namespace
/// labels and the request path makes no API calls, so the webhook configuration's namespaceSelector decides
/// and calls a distinct path.</param>
public readonly record struct PodInjectionRequest(JsonElement Pod, string Namespace, bool NamespaceOptedIn);
