using DaprShared.Integration.Tests.ControlPlane;

namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>The one test that is skipped, with instructions, when the control-plane binaries are missing.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AssetsFactAttribute : FactAttribute
{
    public AssetsFactAttribute()
    {
        if (!KubeAssets.Available)
        {
            Skip = KubeAssets.HowToGet;
        }
    }
}
