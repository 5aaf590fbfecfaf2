using DaprShared.Deploy.Tests.Support;
using DaprShared.TestData.Tools;
using k8s;
using k8s.Models;

namespace DaprShared.Deploy.Tests;

/// <summary>The chart's default render is the kustomize base, and its values do what values.yaml says.</summary>
public sealed class HelmChartTests
{
    [Fact]
    public void DefaultRender_ComparedWithKustomize_SameObjectsApartFromTheNamespace()
    {
        var kustomized = Rendered.Objects(ManifestSource.Kustomize).Where(o => o is not V1Namespace);
        var helm = Rendered.Objects(ManifestSource.HelmDefault);

        helm.OfType<V1Namespace>().Should().BeEmpty("Helm cannot own the namespace its release record lives in");
        ObjectSetAssert.Equal(NormalizedObjects.From(helm), NormalizedObjects.From(kustomized), "helm template (defaults)", "kubectl kustomize deploy/");
    }

    [Fact]
    public void NamespaceCreate_True_SameNamespaceAsKustomize()
    {
        var helm = Rendered.Load(Rendered.HelmTemplate("--set", "namespace.create=true"));
        var kustomized = Rendered.Objects(ManifestSource.Kustomize);

        ObjectSetAssert.Equal(NormalizedObjects.From(helm), NormalizedObjects.From(kustomized), "helm template --set namespace.create=true", "kubectl kustomize deploy/");
    }

    [Fact]
    public void Lint_Chart_Passes()
    {
        var result = ExternalCommand.Run(RepositoryPaths.Helm(), ["lint", RepositoryPaths.Chart, "--strict", "--namespace", Rendered.Namespace]);

        result.ExitCode.Should().Be(0, result.StandardOutput + result.StandardError);
    }

    [Fact]
    public void HelmLabels_DefaultRender_OnEveryObjectButNotInSelectors()
    {
        var helm = Rendered.Objects(ManifestSource.HelmDefault).Cast<IKubernetesObject<V1ObjectMeta>>().ToList();

        helm.Where(o => o is not V1CustomResourceDefinition).Should().AllSatisfy(o =>
            o.Metadata.Labels.Should().ContainKeys(NormalizedObjects.HelmOnlyLabels));
        var deployment = Find.Deployment(helm.Cast<object>().ToList());
        deployment.Spec.Selector.MatchLabels.Keys.Should().NotIntersectWith(NormalizedObjects.HelmOnlyLabels,
            "a selector is immutable: it must not change with the chart version");
    }

    [Fact]
    public void WebhookValues_FailPolicyTimeoutAndExclusions_Applied()
    {
        var objects = Rendered.Load(Rendered.HelmTemplate(
            "--set", "webhook.failurePolicy=Fail",
            "--set", "webhook.timeoutSeconds=3",
            "--set", "webhook.excludedNamespaces={dapr-system,monitoring,kube-system}"));

        foreach (var webhook in Find.WebhookConfiguration(objects).Webhooks)
        {
            webhook.FailurePolicy.Should().Be("Fail");
            webhook.TimeoutSeconds.Should().Be(3);
            webhook.NamespaceSelector.MatchExpressions.Single(e => e.Key == "kubernetes.io/metadata.name").Values.Should().Equal(
                "kube-system", "kube-public", "kube-node-lease", Rendered.Namespace, "dapr-system", "monitoring");
        }
    }

    [Theory]
    [InlineData("webhook.failurePolicy=Sometimes", "failurePolicy must be Ignore or Fail")]
    [InlineData("webhook.timeoutSeconds=31", "timeoutSeconds must be between 1 and 30")]
    [InlineData("tls.mode=letsencrypt", "tls.mode must be selfManaged, files or certManager")]
    public void Values_Invalid_RenderFailsWithTheReason(string setting, string reason)
    {
        var result = ExternalCommand.Run(RepositoryPaths.Helm(),
            ["template", Rendered.ReleaseName, RepositoryPaths.Chart, "--namespace", Rendered.Namespace, "--set", setting]);

        result.ExitCode.Should().NotBe(0);
        result.StandardError.Should().Contain(reason);
    }

    [Fact]
    public void TlsFiles_WithCaBundle_MountsTheSecretAndDropsSelfManagedRights()
    {
        var objects = Rendered.Load(Rendered.HelmTemplate(
            "--set", "tls.mode=files", "--set", "tls.files.secretName=my-cert", "--set", "tls.files.caBundle=Y2E="));
        var container = Find.Container(objects);
        var pod = Find.Deployment(objects).Spec.Template.Spec;

        Find.Env(container, "Tls__Mode").Should().Be("Files");
        var certFile = Find.Env(container, "Tls__CertFile");
        var keyFile = Find.Env(container, "Tls__KeyFile");
        var mount = container.VolumeMounts.Should().ContainSingle(m => certFile!.StartsWith(m.MountPath + "/")).Subject;
        keyFile.Should().StartWith(mount.MountPath + "/");
        mount.SubPath.Should().BeNullOrEmpty("a subPath mount never sees a renewed Secret");
        pod.Volumes.Should().ContainSingle(v => v.Name == mount.Name).Which.Secret.SecretName.Should().Be("my-cert");

        Find.WebhookConfiguration(objects).Webhooks.Should().AllSatisfy(w =>
            w.ClientConfig.CaBundle.Should().Equal("ca"u8.ToArray()));
        RbacRule.From(objects).Should().NotContain(r =>
            r.Covers(string.Empty, "secrets") && !r.ClusterWide, "files mode never writes a Secret of its own");
        RbacRule.From(objects).Should().NotContain(r => r.Covers("admissionregistration.k8s.io", "mutatingwebhookconfigurations"));
    }

    [Fact]
    public void TlsCertManager_Default_CertificateForEveryServiceNameAndCaInjection()
    {
        var yaml = Rendered.HelmTemplate("--set", "tls.mode=certManager");
        var objects = Rendered.Load(yaml);
        var configuration = Find.WebhookConfiguration(objects);

        configuration.Metadata.Annotations.Should().Contain(
            "cert-manager.io/inject-ca-from", $"{Rendered.Namespace}/dapr-shared-injector-serving");
        var certificate = objects.OfType<Dictionary<string, object>>()
            .Single(o => (string)o["kind"] == "Certificate" && Name(o) == "dapr-shared-injector-serving");
        var spec = (Dictionary<object, object>)certificate["spec"];
        ((List<object>)spec["dnsNames"]).Cast<string>().Should().BeEquivalentTo(
            "dapr-shared-injector",
            $"dapr-shared-injector.{Rendered.Namespace}",
            $"dapr-shared-injector.{Rendered.Namespace}.svc",
            $"dapr-shared-injector.{Rendered.Namespace}.svc.cluster.local");
        spec["secretName"].Should().Be("dapr-shared-injector-serving");
        Find.Deployment(objects).Spec.Template.Spec.Volumes.Should().Contain(v => v.Secret != null && v.Secret.SecretName == "dapr-shared-injector-serving");
        Find.Env(Find.Container(objects), "Tls__Mode").Should().Be("Files");
    }

    [Fact]
    public void ControllerValues_InstanceScheduling_PassedAsConfiguration()
    {
        var objects = Rendered.Load(Rendered.HelmTemplate(
            "--set", "controller.daprdImage=registry.example.com/daprd:1.16.1",
            "--set", "controller.controlPlaneNamespace=dapr-cp",
            "--set", "controller.trustDomain=example.org",
            "--set", "controller.sentryAddress=sentry.dapr-cp.svc:443",
            "--set", "controller.instances.resources.requests.cpu=50m",
            "--set", "injector.defaultStrategy=Deployment",
            "--set", "injector.apiTokens=false",
            "--set", "injector.clusterDomain=cluster.example"));
        var container = Find.Container(objects);

        Find.Env(container, "Controller__DaprdImage").Should().Be("registry.example.com/daprd:1.16.1");
        Find.Env(container, "Controller__ControlPlaneNamespace").Should().Be("dapr-cp");
        Find.Env(container, "Controller__TrustDomain").Should().Be("example.org");
        Find.Env(container, "Controller__SentryAddress").Should().Be("sentry.dapr-cp.svc:443");
        Find.Env(container, "Controller__Resources__CpuRequest").Should().Be("50m");
        Find.Env(container, "Controller__Resources__MemoryLimit").Should().Be("512Mi", "an unset value keeps its default");
        Find.Env(container, "Injector__DefaultStrategy").Should().Be("Deployment");
        Find.Env(container, "Injector__ApiTokens").Should().Be("false");
        Find.Env(container, "Injector__ClusterDomain").Should().Be("cluster.example");
    }

    [Fact]
    public void Image_Digest_PinsTheImageByDigest()
    {
        const string digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        var objects = Rendered.Load(Rendered.HelmTemplate("--set", $"image.digest={digest}", "--set", "image.tag=ignored"));

        Find.Container(objects).Image.Should().Be($"ghcr.io/dapr-shared/dapr-shared-webhook@{digest}");
    }

    [Fact]
    public void ControllerValues_TolerationsAndPullSecrets_BindByTheSettingsPropertyNames()
    {
        var objects = Rendered.Load(Rendered.HelmTemplate(
            "--set", "controller.instances.tolerations[0].key=dedicated",
            "--set", "controller.instances.tolerations[0].operator=Exists",
            "--set", "controller.instances.tolerations[0].effect=NoExecute",
            "--set", "controller.instances.tolerations[0].tolerationSeconds=30",
            "--set", "controller.daprdImagePullSecrets={regcred}"));
        var container = Find.Container(objects);

        Find.Env(container, "Controller__Tolerations__0__Key").Should().Be("dedicated");
        Find.Env(container, "Controller__Tolerations__0__OperatorProperty").Should().Be("Exists",
            "V1Toleration's property is OperatorProperty, and the configuration binder matches property names");
        Find.Env(container, "Controller__Tolerations__0__Effect").Should().Be("NoExecute");
        Find.Env(container, "Controller__Tolerations__0__TolerationSeconds").Should().Be("30");
        Find.Env(container, "Controller__ImagePullSecrets__0").Should().Be("regcred");
    }

    [Fact]
    public void ControllerValues_NodeSelector_InASettingsFileBecauseLabelKeysAreNotVariableNames()
    {
        var objects = Rendered.Load(Rendered.HelmTemplate("--set", "controller.instances.nodeSelector.kubernetes\\.io/os=linux"));
        var configMap = objects.OfType<V1ConfigMap>().Should().ContainSingle().Subject;
        var deployment = Find.Deployment(objects);
        var container = Find.Container(objects);

        var json = System.Text.Json.Nodes.JsonNode.Parse(configMap.Data["appsettings.Production.json"])!;
        ((string?)json["Controller"]!["NodeSelector"]!["kubernetes.io/os"]).Should().Be("linux");
        var mount = container.VolumeMounts.Should().ContainSingle(m => m.MountPath == "/app/appsettings.Production.json").Subject;
        mount.SubPath.Should().Be("appsettings.Production.json");
        deployment.Spec.Template.Spec.Volumes.Should().ContainSingle(v => v.Name == mount.Name)
            .Which.ConfigMap.Name.Should().Be(configMap.Metadata.Name);
        deployment.Spec.Template.Metadata.Annotations.Should().ContainKey("checksum/settings");
        container.Env.Should().NotContain(e => e.Name.Contains('/'), "Kubernetes rejects such variable names");
    }

    private static string Name(Dictionary<string, object> obj) => (string)((Dictionary<object, object>)obj["metadata"])["name"];
}
