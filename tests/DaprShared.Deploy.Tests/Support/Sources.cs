namespace DaprShared.Deploy.Tests.Support;

/// <summary>xunit member data: every install variant.</summary>
public static class Sources
{
    public static TheoryData<ManifestSource> All => new()
    {
        ManifestSource.InstallYaml,
        ManifestSource.Kustomize,
        ManifestSource.HelmDefault,
    };
}
