namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>What the planner wants done next.</summary>
public enum TlsStepKind
{
    /// <summary>Nothing to write: serve the Secret's certificate.</summary>
    Done,

    /// <summary>Write the webhook configuration's caBundle.</summary>
    PatchCaBundle,

    /// <summary>Create or replace the Secret (after adding a new CA to the caBundle, when there is one).</summary>
    WriteSecret,

    /// <summary>A change is due but must wait (for the caBundle to reach the API server): look again later.</summary>
    Wait,
}
