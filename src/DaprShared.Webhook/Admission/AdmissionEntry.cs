namespace DaprShared.Webhook.Admission;

/// <summary>Which endpoint a request came in on: it decides what the transport does with a well-formed body.</summary>
public enum AdmissionEntry
{
    /// <summary><c>/mutate</c>: the pod opted in by annotation.</summary>
    PodOptIn,

    /// <summary><c>/mutate/namespace-opt-in</c>: the webhook entry whose namespaceSelector matches
    /// <c>dapr-shared.io/enabled=true</c>, so the pod's namespace opted in.</summary>
    NamespaceOptIn,

    /// <summary><c>/noop</c> (benchmark only): the same reads and checks, a fixed answer.</summary>
    Noop,
}
