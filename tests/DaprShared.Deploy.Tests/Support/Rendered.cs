using DaprShared.TestData.Tools;
using k8s;

namespace DaprShared.Deploy.Tests.Support;

/// <summary>Renders the install manifests with the real tools, once per test run per variant.</summary>
public static class Rendered
{
    public const string Namespace = "dapr-shared-system";
    public const string ReleaseName = "dapr-shared";

    private static readonly Lazy<string> InstallYamlText = new(() => File.ReadAllText(RepositoryPaths.InstallYaml));
    private static readonly Lazy<string> KustomizeText = new(() =>
        ExternalCommand.RunChecked(RepositoryPaths.Kubectl(), "kustomize", RepositoryPaths.Deploy));
    private static readonly Lazy<string> HelmDefaultText = new(() => HelmTemplate());

    public static string Yaml(ManifestSource source) => source switch
    {
        ManifestSource.InstallYaml => InstallYamlText.Value,
        ManifestSource.Kustomize => KustomizeText.Value,
        ManifestSource.HelmDefault => HelmDefaultText.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    public static IReadOnlyList<object> Objects(ManifestSource source) => Load(Yaml(source));

    /// <summary>`helm template` with the chart's CRD and any extra arguments (--set ..., -f ...).</summary>
    public static string HelmTemplate(params string[] extraArguments) =>
        ExternalCommand.RunChecked(
            RepositoryPaths.Helm(),
            ["template", ReleaseName, RepositoryPaths.Chart, "--namespace", Namespace, "--include-crds", .. extraArguments]);

    /// <summary>Loads every document strictly: an unknown or misspelt field is an error, not silently dropped.
    /// cert-manager kinds (rendered only in tls.mode=certManager) have no model here, so they load as plain maps.</summary>
    public static IReadOnlyList<object> Load(string yaml) =>
        KubernetesYaml.LoadAllFromString(yaml, CertManagerTypes, strict: true);

    private static readonly Dictionary<string, Type> CertManagerTypes = new()
    {
        ["cert-manager.io/v1/Certificate"] = typeof(Dictionary<string, object>),
        ["cert-manager.io/v1/Issuer"] = typeof(Dictionary<string, object>),
    };
}
