namespace DaprShared.Deploy.Tests.Support;

/// <summary>The three ways the product is installed; every invariant must hold for each of them.</summary>
public enum ManifestSource
{
    /// <summary>deploy/install.yaml as committed.</summary>
    InstallYaml,

    /// <summary>`kubectl kustomize deploy/`, rendered now.</summary>
    Kustomize,

    /// <summary>`helm template` of deploy/helm/dapr-shared with default values (and its CRD).</summary>
    HelmDefault,
}
