namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>A temporary folder for one product process (certificates, kubeconfig), deleted afterwards.</summary>
public sealed class WorkFolder : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("dapr-shared-it-work-");

    public string Path => folder.FullName;

    public void Dispose() => folder.Delete(recursive: true);
}
