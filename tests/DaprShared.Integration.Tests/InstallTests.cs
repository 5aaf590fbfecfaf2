using System.Text;
using System.Text.Json.Nodes;
using DaprShared.Integration.Tests.Infrastructure;
using DaprShared.TestData;
using DaprShared.TestData.Tools;
using k8s;
using k8s.Models;

namespace DaprShared.Integration.Tests;

/// <summary>The install artefacts of deploy/ as the real API server takes them: the kustomize output applied for real
/// on top of the deploy/install.yaml install, and the Helm chart's renders, default and per TLS mode, as server-side
/// dry runs (they have the same object names as install.yaml, so a real apply would take the install over). Every
/// apply fails on a server warning too, PodSecurity's among them: dapr-shared-system enforces the restricted profile.
/// helm lint and helm template alone run in .ci/run; object-by-object comparisons of the renders are offline, in
/// DaprShared.Deploy.Tests.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class InstallTests
{
    private const string Namespace = Installed.SystemNamespace;
    private const string ReleaseName = "dapr-shared";

    private readonly RealCluster cluster;

    public InstallTests(RealCluster cluster) => this.cluster = cluster;

    private static string Deploy => Path.Combine(TestDataPaths.RepositoryRoot(), "deploy");

    private static string Chart => Path.Combine(Deploy, "helm", ReleaseName);

    [RealClusterFact]
    public async Task KustomizeOutput_AppliedOverInstallYaml_EveryObjectAcceptedAndNothingChanges()
    {
        await InstallAsync();
        var installYaml = ManifestDocument.Split(await File.ReadAllTextAsync(Installed.InstallYaml));
        var kustomized = ManifestDocument.Split(cluster.Kubectl("kustomize", Deploy));

        kustomized.Select(d => d.ToString()).Should().Equal(installYaml.Select(d => d.ToString()),
            "deploy/install.yaml is the kustomize output: the same objects, in the same order");
        kustomized.TakeWhile(d => d.Kind is "Namespace" or "CustomResourceDefinition").Should().HaveCount(2, "the Namespace and the CRD come first");

        // kubectl diff --server-side has the server dry-run the apply and compares the result with the live objects:
        // exit 0 means the kustomize output sets no field to anything but what install.yaml set it to, and removes none.
        var diff = cluster.TryKubectl(
            ManifestDocument.JoinCrdsFirst(kustomized), "diff", "--server-side", $"--field-manager={ServerSideApply.FieldManager}", "-f", "-");
        diff.ExitCode.Should().Be(0, $"the kustomize output applied over deploy/install.yaml must change nothing:\n{diff.StandardOutput}{diff.StandardError}");

        var applied = ServerSideApply.Apply(cluster, kustomized);

        applied.Problem(Namespace).Should().BeNull("kubectl apply --server-side of `kubectl kustomize deploy/`");
        kustomized.Should().Contain(d => d.Kind == "Deployment").And.Contain(d => d.Kind == "MutatingWebhookConfiguration");
    }

    [RealClusterFact]
    public async Task HelmRenders_ServerSideDryRun_EveryObjectAcceptedOrRefusedAsExpected()
    {
        await InstallAsync();
        var caBundle = NewCaBundle();
        HelmRender[] renders =
        [
            new("defaults", []),
            new("namespace.create=true", ["--set", "namespace.create=true"],
                Check: answer => answer.Returned.Any(o => (string?)o["kind"] == "Namespace") ? null : "no Namespace came back"),
            new("tls.mode=files with a caBundle", ["--set", "tls.mode=files", "--set", "tls.files.secretName=my-serving-cert", "--set", $"tls.files.caBundle={caBundle}"],
                Check: answer => CaBundles(answer).All(b => b == caBundle) && CaBundles(answer).Count == 2 ? null : $"caBundles returned: {string.Join(", ", CaBundles(answer))}"),
            new("tls.mode=files, caBundle left for the user to patch", ["--set", "tls.mode=files"],
                Check: answer => CaBundles(answer).Count == 0 ? null : "a caBundle came back"),
            new("every value that shapes an object set (a values file)", ["-f", "-"], ValuesFile: EveryValueSet),

            // values.yaml asks for base64 of the PEM; the chart passes the value through and the server decodes it.
            new("tls.files.caBundle given as PEM text, not base64", ["--set", "tls.mode=files", "--set", "tls.files.caBundle=-----BEGIN CERTIFICATE-----"],
                Refused: "illegal base64 data at input byte 0"),
        ];

        var failures = new List<string>();
        foreach (var render in renders)
        {
            var documents = ManifestDocument.Split(HelmTemplate(render.Values, render.ValuesFile));
            var answer = ServerSideApply.DryRun(cluster, documents);
            var problem = render.Refused is null
                ? answer.Problem(Namespace) ?? render.Check?.Invoke(answer)
                : RefusalProblem(answer, render.Refused);
            if (problem is not null)
            {
                failures.Add($"helm template {string.Join(' ', render.Values)} [{render.Name}]: {problem}");
            }
        }

        TableFailures.ShouldBeNone(failures, "helm renders (server-side dry runs over the install.yaml install)");
    }

    [RealClusterFact]
    public async Task HelmCertManagerRenders_ServerSideDryRun_CertManagerKindsNeedItsCrdsAndEverythingElseIsAccepted()
    {
        await InstallAsync();
        var certManagerCrds = cluster.Kubectl("get", "crd", "--ignore-not-found", "-o", "name", "certificates.cert-manager.io", "issuers.cert-manager.io")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 2;
        HelmRender[] renders =
        [
            new("own self-signed CA", ["--set", "tls.mode=certManager"],
                CertManagerObjects: ["Issuer dapr-shared-injector-selfsigned", "Certificate dapr-shared-injector-ca", "Issuer dapr-shared-injector-ca", "Certificate dapr-shared-injector-serving"]),
            new("issuerRef to a ClusterIssuer", ["--set", "tls.mode=certManager", "--set", "tls.certManager.issuerRef.name=corporate-ca", "--set", "tls.certManager.issuerRef.kind=ClusterIssuer", "--set", "tls.certManager.issuerRef.group=cert-manager.io"],
                CertManagerObjects: ["Certificate dapr-shared-injector-serving"]),
        ];

        var failures = new List<string>();
        foreach (var render in renders)
        {
            var name = $"helm template {string.Join(' ', render.Values)} [{render.Name}]";
            var documents = ManifestDocument.Split(HelmTemplate(render.Values));
            var certManager = documents.Where(d => d.Group == "cert-manager.io").ToList();
            var rest = documents.Where(d => d.Group != "cert-manager.io").ToList();
            if (!certManager.Select(d => $"{d.Kind} {d.Name}").Order().SequenceEqual(render.CertManagerObjects!.Order()))
            {
                failures.Add($"{name}: renders cert-manager objects {string.Join(", ", certManager)}");
            }

            var answer = ServerSideApply.DryRun(cluster, rest);
            var webhook = rest.Single(d => d.Kind == "MutatingWebhookConfiguration");
            var problem = answer.Problem(Namespace)
                ?? ((string?)answer.For(webhook)?["metadata"]?["annotations"]?["cert-manager.io/inject-ca-from"] == $"{Namespace}/dapr-shared-injector-serving"
                    ? null
                    : "the webhook configuration came back without cert-manager.io/inject-ca-from");
            if (problem is not null)
            {
                failures.Add($"{name}, all but cert-manager's kinds: {problem}");
            }

            var certManagerAnswer = ServerSideApply.DryRun(cluster, certManager);
            var certManagerProblem = certManagerCrds
                ? certManagerAnswer.Problem(Namespace)
                : certManager
                    .Select(d => RefusalProblem(certManagerAnswer,
                        $"resource mapping not found for name: \"{d.Name}\" namespace: \"{Namespace}\" from \"STDIN\": no matches for kind \"{d.Kind}\" in version \"cert-manager.io/v1\"\nensure CRDs are installed first"))
                    .FirstOrDefault(found => found is not null);
            if (certManagerProblem is not null)
            {
                failures.Add($"{name}, cert-manager's kinds (CRDs installed: {certManagerCrds}): {certManagerProblem}");
            }
        }

        TableFailures.ShouldBeNone(failures, "cert-manager renders (server-side dry runs)");
    }

    /// <summary>Every value that changes the shape of an object, each set to something a real cluster would be given.</summary>
    private const string EveryValueSet = """
        replicaCount: 3
        image:
          digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
          pullPolicy: Always
        imagePullSecrets:
          - name: regcred
        resources:
          requests: {cpu: 200m, memory: 192Mi}
          limits: {cpu: "1", memory: 384Mi}
        nodeSelector:
          kubernetes.io/os: linux
        tolerations:
          - {key: dedicated, operator: Equal, value: control-plane, effect: NoSchedule}
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
                - matchExpressions:
                    - {key: kubernetes.io/arch, operator: In, values: [amd64, arm64]}
        topologySpreadConstraints:
          - maxSkew: 1
            topologyKey: topology.kubernetes.io/zone
            whenUnsatisfiable: DoNotSchedule
            labelSelector:
              matchLabels: {app.kubernetes.io/name: dapr-shared}
        priorityClassName: system-cluster-critical
        podAnnotations:
          example.com/owner: platform-team
        podLabels:
          example.com/tier: control
        podDisruptionBudget:
          enabled: true
          maxUnavailable: 2
        webhook:
          failurePolicy: Fail
          timeoutSeconds: 30
          excludedNamespaces: [dapr-system, monitoring, kube-system]
        injector:
          clusterDomain: cluster.example
          defaultStrategy: Deployment
          apiTokens: false
        controller:
          daprdImage: registry.example.com/dapr/daprd:1.16.1
          daprdImagePullPolicy: Always
          daprdImagePullSecrets: [regcred]
          controlPlaneNamespace: dapr-cp
          trustDomain: example.org
          sentryAddress: dapr-sentry.dapr-cp.svc:443
          placementAddress: dapr-placement-server.dapr-cp.svc:50005
          schedulerAddress: dapr-scheduler-server-0.dapr-scheduler-server.dapr-cp.svc:50006
          enableMtls: false
          instances:
            resources:
              requests: {cpu: 50m, memory: 64Mi}
              limits: {cpu: 500m, memory: 256Mi}
            nodeSelector:
              kubernetes.io/os: linux
            tolerations:
              - {key: dedicated, operator: Exists, effect: NoExecute, tolerationSeconds: 30}
            priorityClassName: high
            podDisruptionBudget:
              minAvailable: "50%"
              maxUnavailable: ""
        logLevel: Debug
        extraEnv:
          - name: Logging__Console__FormatterName
            value: json
          - name: NODE_NAME
            valueFrom:
              fieldRef: {fieldPath: spec.nodeName}
        """;

    /// <summary>The chart rendered as .ci/run renders it, plus <paramref name="values"/>; <paramref name="valuesFile"/>
    /// is standard input (for <c>-f -</c>).</summary>
    private static string HelmTemplate(string[] values, string? valuesFile = null)
    {
        string[] arguments = ["template", ReleaseName, Chart, "--namespace", Namespace, "--include-crds", .. values];
        var result = ExternalCommand.Run(RepositoryTools.Helm(), arguments, standardInput: valuesFile);
        return result.ExitCode == 0
            ? result.StandardOutput
            : throw new InvalidOperationException($"helm {string.Join(' ', arguments)} exited {result.ExitCode}:\n{result.StandardError}");
    }

    /// <summary>Base64 of a CA certificate's PEM, what values.yaml asks tls.files.caBundle to be.</summary>
    private static string NewCaBundle()
    {
        var now = DateTimeOffset.UtcNow;
        using var ca = TestCertificateAuthority.CreateRoot("CN=dapr-shared-it-install-ca", now.AddMinutes(-5), now.AddDays(1));
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(ca.ExportCertificatePem()));
    }

    /// <summary>Null when kubectl failed and said <paramref name="expected"/>; else what it did instead.</summary>
    private static string? RefusalProblem(ServerSideApplyResult answer, string expected) =>
        answer.Succeeded ? "accepted"
        : answer.Output.Contains(expected, StringComparison.Ordinal) ? null
        : $"refused, but without \"{expected}\":\n{answer.Output}";

    private static List<string> CaBundles(ServerSideApplyResult answer) =>
        answer.Returned
            .Where(o => (string?)o["kind"] == "MutatingWebhookConfiguration")
            .SelectMany(o => o["webhooks"]!.AsArray())
            .Select(w => (string?)w!["clientConfig"]!["caBundle"])
            .OfType<string>()
            .ToList();

    /// <summary>deploy/install.yaml applied (once per cluster), with each webhook's clientConfig as install.yaml has
    /// it. A test that runs the product points them at its process (a URL and its own CA), and applying the Service
    /// form over that would make an invalid object (a clientConfig has a url or a service, not both); the next such
    /// test points them at its process again.</summary>
    private async Task InstallAsync()
    {
        await Installed.EnsureAsync(cluster);
        var installed = KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(Installed.InstallYaml), strict: true)
            .OfType<V1MutatingWebhookConfiguration>()
            .Single();
        var live = await cluster.Admin.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(Installed.WebhookConfiguration);
        var patch = new JsonArray();
        for (var i = 0; i < live.Webhooks.Count; i++)
        {
            var wanted = KubernetesJson.Serialize(installed.Webhooks.Single(w => w.Name == live.Webhooks[i].Name).ClientConfig);
            if (KubernetesJson.Serialize(live.Webhooks[i].ClientConfig) != wanted)
            {
                patch.Add(new JsonObject { ["op"] = "replace", ["path"] = $"/webhooks/{i}/clientConfig", ["value"] = JsonNode.Parse(wanted) });
            }
        }

        if (patch.Count > 0)
        {
            await cluster.Admin.AdmissionregistrationV1.PatchMutatingWebhookConfigurationAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), Installed.WebhookConfiguration);
        }
    }

    /// <summary>One <c>helm template</c> of the chart: <paramref name="Refused"/> is part of the error a refused render
    /// must get; <paramref name="Check"/> says what is wrong with an accepted one's answer, or null;
    /// <paramref name="CertManagerObjects"/> are the cert-manager objects it renders (kind and name).</summary>
    private sealed record HelmRender(
        string Name,
        string[] Values,
        string? ValuesFile = null,
        string? Refused = null,
        Func<ServerSideApplyResult, string?>? Check = null,
        string[]? CertManagerObjects = null);
}
