namespace DaprShared.Webhook.Admission;

/// <summary>Configuration section <c>Admission</c>.</summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Admission";

    /// <summary>The API server caps request bodies at 3 MiB, so a real AdmissionReview of a pod is always smaller
    /// than the 4 MiB default; anything larger is not from an API server.</summary>
    public int MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;
}
