using System.Xml.Linq;
using DaprShared.Deploy.Tests.Support;

namespace DaprShared.Deploy.Tests;

/// <summary>The image cannot be built on this machine, so the properties that matter are checked in the text:
/// the restore layer must list every project the webhook builds from, the runtime must be small and
/// non-root, and the container must agree with the Deployment.</summary>
public sealed class DockerfileTests
{
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Dockerfile"));

    [Fact]
    public void RestoreLayer_EveryProjectTheWebhookReferences_CopiedBeforeRestore()
    {
        var restoreAt = Dockerfile.IndexOf("RUN dotnet restore", StringComparison.Ordinal);
        restoreAt.Should().BePositive();
        var beforeRestore = Dockerfile[..restoreAt];

        foreach (var project in ProjectClosure("src/DaprShared.Webhook/DaprShared.Webhook.csproj"))
        {
            beforeRestore.Should().Contain($"COPY {project} ", $"{project} is needed to restore the webhook");
        }
    }

    [Fact]
    public void Runtime_FinalStage_ChiseledNonRootServingHttps()
    {
        var finalStage = Dockerfile[Dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];

        finalStage.Should().Contain("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled");
        finalStage.Should().Contain("USER $APP_UID");
        finalStage.Should().Contain("EXPOSE 8443");
        finalStage.Should().Contain("DOTNET_EnableDiagnostics=0");
        finalStage.Should().Contain("ENTRYPOINT [\"dotnet\", \"/app/DaprShared.Webhook.dll\"]");
        finalStage.Should().Contain("CMD [\"serve\"]");
    }

    [Fact]
    public void Deployment_UserId_MatchesTheChiseledImagesAppUser()
    {
        // APP_UID of the .NET 8+ images; the Deployment names it so that runAsNonRoot is checked by number.
        Find.Deployment(Rendered.Objects(ManifestSource.Kustomize)).Spec.Template.Spec.SecurityContext.RunAsUser.Should().Be(1654);
    }

    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!seen.Add(current))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(current)!;
            var xml = XDocument.Load(Path.Combine(RepositoryPaths.Root, current));
            foreach (var reference in xml.Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                var full = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, directory, include));
                pending.Push(Path.GetRelativePath(RepositoryPaths.Root, full).Replace('\\', '/'));
            }
        }

        return seen;
    }
}
