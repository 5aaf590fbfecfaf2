using DaprShared.Integration.Tests.ControlPlane;
using Xunit.Sdk;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>A test that needs the real control plane. Without the binaries it is not discovered at all, so the suite
/// reports exactly one skipped test (<see cref="RealControlPlaneAssetsTests"/>) that says how to get them, instead of
/// dozens that say the same. A test that needs kube-controller-manager skips alone when only it is missing.</summary>
[XunitTestCaseDiscoverer("DaprShared.Integration.Tests.Infrastructure.RealClusterFactDiscoverer", "DaprShared.Integration.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RealClusterFactAttribute : FactAttribute
{
    private bool needsControllerManager;

    /// <summary>Deployments, DaemonSets, ReplicaSets, Jobs and garbage collection need kube-controller-manager.</summary>
    public bool NeedsControllerManager
    {
        get => needsControllerManager;
        set
        {
            needsControllerManager = value;
            if (value && KubeAssets.Available && !KubeAssets.HasControllerManager)
            {
                Skip = KubeAssets.NoControllerManager;
            }
        }
    }
}
