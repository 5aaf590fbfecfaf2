using DaprShared.Integration.Tests.ControlPlane;
using DaprShared.Integration.Tests.Infrastructure;
using DaprShared.TestData.Tools;

namespace DaprShared.Integration.Tests;

/// <summary>Reports whether the real-control-plane suite can run here: skipped, with how to get the binaries, when
/// they are missing (then it is the only test of this suite).</summary>
public sealed class RealControlPlaneAssetsTests
{
    [AssetsFact]
    public void KubeApiServer_InAssets_IsASupportedVersion()
    {
        var version = ExternalCommand.Run(KubeAssets.KubeApiServer, ["--version"]);

        version.ExitCode.Should().Be(0, version.StandardError);
        version.StandardOutput.Should().MatchRegex(@"Kubernetes v1\.(3[0-9])\.", "the product supports Kubernetes 1.30 and later");
    }
}
