namespace DaprShared.Core.Instances;

/// <summary>daprd container resources (Kubernetes quantities; empty = unset). No CPU limit by default: a throttled
/// daprd stalls every app of its app-id.</summary>
public sealed class DaprdResourceSettings
{
    public string CpuRequest { get; set; } = "100m";

    public string MemoryRequest { get; set; } = "128Mi";

    public string CpuLimit { get; set; } = "";

    public string MemoryLimit { get; set; } = "512Mi";
}
