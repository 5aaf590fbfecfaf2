using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DaprShared.Core.Contract;
using DaprShared.Core.Instances;
using DaprShared.TestData;

namespace DaprShared.AotSmoke;

/// <summary>The smoke, step by step: the binary is started as in a cluster (serve, files TLS, a kubeconfig, leader
/// election on) against the fake API server; an opted-in pod must lead to a Ready DaprSharedInstance with everything
/// it owns; a captured AdmissionReview must get the golden patch; SIGTERM must end it cleanly with the lease
/// released.</summary>
internal static partial class SmokeRun
{
    // Where the captured AdmissionReviews were made, and the app-id of orders-deployment-pod.json.
    private const string Namespace = "shop";
    private const string AppId = "orders";
    private const string PodName = "orders-smoke-1";

    // A second app with the other strategy, so the Deployment and PodDisruptionBudget paths run too.
    private const string DeploymentAppId = "checkout";
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(SmokeArguments arguments, TextWriter output)
    {
        output.WriteLine($"aot smoke of {arguments.Binary}");
        var work = Directory.CreateTempSubdirectory("dapr-shared-aot-smoke-");
        var steps = new StepReporter(output);
        var timeout = arguments.Timeout;
        FakeCluster? cluster = null;
        WebhookProcess? webhook = null;
        WebhookClient? client = null;
        WorkloadStandIn? standIn = null;
        var passed = false;
        try
        {
            await steps.StepAsync("start the fake API server", async () =>
            {
                cluster = await FakeCluster.StartAsync(work.FullName);
                return $"{cluster.Server.BaseUri}, DaprSharedInstance registered, {FakeCluster.ControlPlaneNamespace}/dapr-trust-bundle put, kubeconfig written";
            });

            ServingCertificateFiles? certificate = null;
            await steps.StepAsync("generate the serving certificate", () =>
            {
                certificate = SmokeCertificates.WriteServing(work.FullName);
                return "ECDSA P-256 for 127.0.0.1, PEM files";
            });

            var port = FreePort();
            await steps.StepAsync("start the binary", () =>
            {
                string[] args =
                [
                    "serve",
                    "--urls", $"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                    "--tls-cert-file", certificate!.CertFile,
                    "--tls-key-file", certificate.KeyFile,
                    "--kubeconfig", cluster!.Kubeconfig,
                ];
                webhook = WebhookProcess.Start(arguments.Binary, args, BinaryEnvironment());
                client = new WebhookClient(port, certificate.Sha256);
                return $"pid {webhook.Id}: {string.Join(' ', args)}";
            });

            await steps.StepAsync("/readyz answers 200 (start-up)", async () =>
            {
                await Poll.UntilAsync(async () => await client!.TryGetStatusAsync("/readyz") is HttpStatusCode.OK ? null : "/readyz is not 200 yet", timeout, webhook);
                return "";
            });

            string? identity = null;
            await steps.StepAsync("the controller takes the leader Lease", async () =>
            {
                await Poll.UntilAsync(
                    () =>
                    {
                        identity ??= Identity(webhook!.Log);
                        var holder = cluster!.LeaseHolder();
                        return identity is not null && holder == identity
                            ? null
                            : $"log line \"Leader election on lease ... as <identity>\" {(identity is null ? "not seen" : "says " + identity)}, Lease holder is {holder ?? "(no Lease)"}";
                    },
                    timeout,
                    webhook);
                return $"{FakeCluster.LeaseNamespace}/{FakeCluster.LeaseName} held by {identity}";
            });

            await steps.StepAsync("put an opted-in, injected pod", () =>
            {
                cluster!.PutInjectedPod(Namespace, PodName, AppId, appPort: "8080", SharedStrategy.DaemonSet);
                return $"{Namespace}/{PodName}, app-id {AppId}, strategy daemonset";
            });

            await steps.StepAsync("the controller creates the instance and what it owns", async () =>
            {
                await Poll.UntilAsync(() => InstanceChecks.MissingOwnedObjects(cluster!, Namespace, AppId, SharedStrategy.DaemonSet), timeout, webhook);
                return "DaprSharedInstance, Services -dapr and -dapr-local, ServiceAccount, DaemonSet, API-token Secret, trust-anchors ConfigMap, Event";
            });

            await steps.StepAsync("the instance turns Ready=True once the DaemonSet is available", async () =>
            {
                var before = cluster!.Condition(Namespace, AppId, InstanceConditions.Ready);
                if (before == InstanceConditions.StatusTrue)
                {
                    throw new SmokeFailure("Ready was already True before any daprd pod was available");
                }

                standIn = WorkloadStandIn.Start(cluster.Store);
                await Poll.UntilAsync(
                    () => cluster.Condition(Namespace, AppId, InstanceConditions.Ready) == InstanceConditions.StatusTrue
                        ? null
                        : $"Ready is {cluster.Condition(Namespace, AppId, InstanceConditions.Ready) ?? "(no condition)"}",
                    timeout,
                    webhook);
                return $"Ready {before ?? "(none)"} -> True";
            });

            await steps.StepAsync("a deployment-strategy pod gets its instance, Deployment, PDB, and Ready=True", async () =>
            {
                cluster!.PutInjectedPod(Namespace, DeploymentAppId + "-smoke-1", DeploymentAppId, appPort: "8080", SharedStrategy.Deployment);
                await Poll.UntilAsync(() => InstanceChecks.MissingOwnedObjects(cluster, Namespace, DeploymentAppId, SharedStrategy.Deployment), timeout, webhook);
                await Poll.UntilAsync(
                    () => cluster.Condition(Namespace, DeploymentAppId, InstanceConditions.Ready) == InstanceConditions.StatusTrue
                        ? null
                        : $"Ready of {DeploymentAppId} is {cluster.Condition(Namespace, DeploymentAppId, InstanceConditions.Ready) ?? "(no condition)"}",
                    timeout,
                    webhook);
                return $"{Namespace}/{DeploymentAppId}";
            });

            await steps.StepAsync("the Lease is held by this process", () =>
            {
                var holder = cluster!.LeaseHolder();
                return holder == identity ? $"holder {holder}" : throw new SmokeFailure($"the Lease holder is {holder ?? "(no Lease)"}, not {identity}");
            });

            await steps.StepAsync($"POST /mutate with admission/{AdmissionCheck.ReviewFile}", () => AdmissionCheck.RunAsync(client!));

            await steps.StepAsync("/readyz, /healthz, /metrics", async () =>
            {
                foreach (var path in new[] { "/readyz", "/healthz" })
                {
                    var (status, body, _) = await client!.GetAsync(path);
                    if (status != HttpStatusCode.OK)
                    {
                        throw new SmokeFailure($"{path} answered {(int)status}: {body}");
                    }
                }

                var metrics = await client!.GetAsync("/metrics");
                if (metrics.Status != HttpStatusCode.OK)
                {
                    throw new SmokeFailure($"/metrics answered {(int)metrics.Status}");
                }

                ExpectSample(metrics.Body, "dapr_shared_admissions_total", 1, ("result", "patched"));
                ExpectSample(metrics.Body, "dapr_shared_controller_leader", 1);
                ExpectSample(metrics.Body, "dapr_shared_controller_instances", 2);
                return "200, 200, 200 (admissions patched 1, leader 1, instances 2)";
            });

            await steps.StepAsync("SIGTERM: the binary exits 0", async () =>
            {
                webhook!.Terminate();
                if (!await webhook.WaitForExitAsync(StopGrace))
                {
                    await webhook.KillAsync();
                    throw new SmokeFailure($"still running {StopGrace.TotalSeconds:F0} s after SIGTERM: killed (SIGKILL)");
                }

                return webhook.ExitCode == 0 ? "exit code 0" : throw new SmokeFailure($"exit code {webhook.ExitCode}");
            });

            await steps.StepAsync("the Lease was released", () =>
            {
                var holder = cluster!.LeaseHolder();
                return holder == "" ? "holder empty" : throw new SmokeFailure($"the Lease holder is still {holder ?? "(no Lease)"}");
            });

            // A healthy run logs no warning at all. Under Native AOT a trimmed-away type or a missing JSON contract
            // tends to surface as a retried watch or reconcile (a warning) rather than as a failed step.
            await steps.StepAsync("no warning or error in the binary's log", () =>
            {
                var log = webhook!.Log;
                var bad = log.Where(l => LevelPattern().Match(l) is { Success: true } m && m.Groups[1].Value is "warn" or "fail" or "crit").ToList();
                return bad.Count == 0
                    ? $"{log.Count} lines"
                    : throw new SmokeFailure($"{bad.Count} warning/error lines, first: {bad[0].Trim()}");
            });

            passed = true;
        }
        catch (SmokeFailure)
        {
            // Already reported by the step; the log follows.
        }
        finally
        {
            if (webhook is not null)
            {
                if (!passed)
                {
                    await webhook.KillAsync();
                    webhook.WriteLog(output);
                }

                await webhook.DisposeAsync();
            }

            if (standIn is not null)
            {
                await standIn.DisposeAsync();
            }

            client?.Dispose();
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
        }

        if (passed && !arguments.Keep)
        {
            work.Delete(recursive: true);
        }
        else
        {
            output.WriteLine($"work directory kept: {work.FullName}");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(passed ? "PASSED" : "FAILED")} in {steps.Elapsed.TotalMilliseconds:F0} ms: {arguments.Binary}"));
        return passed ? 0 : 1;
    }

    /// <summary>Configuration the deployment manifests set through the environment. Leader election stays on with
    /// its production timings; only the lease's namespace is fixed, since outside a pod it has no own namespace.</summary>
    private static Dictionary<string, string> BinaryEnvironment() => new(StringComparer.Ordinal)
    {
        ["Controller__ControlPlaneNamespace"] = FakeCluster.ControlPlaneNamespace,
        ["Controller__LeaderElection__LeaseNamespace"] = FakeCluster.LeaseNamespace,
        ["Controller__LeaderElection__LeaseName"] = FakeCluster.LeaseName,

        // More to read when a step fails; costs nothing when it passes.
        ["Logging__LogLevel__DaprShared"] = "Debug",
    };

    private static string? Identity(IReadOnlyList<string> log) =>
        log.Select(line => IdentityPattern().Match(line)).FirstOrDefault(m => m.Success)?.Groups[1].Value;

    /// <summary>The sum over the series of <paramref name="name"/> that carry <paramref name="labels"/> must be
    /// <paramref name="expected"/> (admissions patched, whatever the reason).</summary>
    private static void ExpectSample(string metrics, string name, double expected, params (string Label, string Value)[] labels)
    {
        var value = MetricsText.Sum(metrics, name, labels);
        if (value != expected)
        {
            var series = labels.Length > 0 ? "{" + string.Join(',', labels.Select(l => $"{l.Label}=\"{l.Value}\"")) + "}" : "";
            throw new SmokeFailure($"/metrics: {name}{series} is {value?.ToString(CultureInfo.InvariantCulture) ?? "missing"}, expected {expected.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Leader election on lease \S+ as (\S+)")]
    private static partial Regex IdentityPattern();

    // The console logger's level prefix ("warn: Category[id]"), after WebhookProcess' timestamp.
    [GeneratedRegex(@"^\+\s*\d+ ms (?:stderr\| )?(trce|dbug|info|warn|fail|crit): ")]
    private static partial Regex LevelPattern();
}
