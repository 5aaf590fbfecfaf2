using System.Globalization;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace DaprShared.Integration.Tests.ControlPlane;

/// <summary>etcd + kube-apiserver (+ kube-controller-manager) on free loopback ports: the C# twin of
/// ../shared/kube/control-plane.sh, with its flags (RBAC + Node authorization, ServiceAccount token issuing,
/// front-proxy, every default admission plugin). No kubelet, scheduler or kube-proxy: pods stay Pending, Nodes are
/// objects a test marks Ready.</summary>
public sealed class LocalControlPlane : IDisposable
{
    public const string ServiceRange = "10.96.0.0/16";

    private static readonly TimeSpan ApiServerStart = TimeSpan.FromSeconds(90);

    private readonly Dictionary<string, (string Binary, string[] Arguments)> commands = [];
    private readonly Dictionary<string, ComponentProcess> running = [];
    private readonly Dictionary<string, Uri> healthUrls = [];
    private readonly int apiPort;
    private string? etcdData;

    private LocalControlPlane(string state, ControlPlanePki pki, int apiPort)
    {
        State = state;
        Pki = pki;
        this.apiPort = apiPort;
        Logs = Path.Combine(state, "logs");
        Directory.CreateDirectory(Logs);
        Kubeconfig = Path.Combine(state, "kubeconfig");
    }

    public string State { get; }

    public ControlPlanePki Pki { get; }

    public string Logs { get; }

    /// <summary>An admin kubeconfig (client certificate in <c>system:masters</c>).</summary>
    public string Kubeconfig { get; }

    public Uri Server => new($"https://127.0.0.1:{apiPort.ToString(CultureInfo.InvariantCulture)}");

    public bool HasControllerManager => running.ContainsKey(Names.ControllerManager);

    public static async Task<LocalControlPlane> StartAsync(string state, bool controllerManager = true)
    {
        if (!KubeAssets.Available)
        {
            throw new InvalidOperationException(KubeAssets.HowToGet);
        }

        var pki = ControlPlanePki.Create(Path.Combine(state, "pki"));
        var plane = new LocalControlPlane(state, pki, FreePort.Next());
        try
        {
            await plane.StartComponentsAsync(controllerManager && KubeAssets.HasControllerManager).ConfigureAwait(false);
            return plane;
        }
        catch
        {
            plane.Dispose();
            throw;
        }
    }

    /// <summary>Stops one component (SIGKILL) and starts it again with the same command, ports and data: an outage.
    /// Returns when it is ready again.</summary>
    public async Task RestartAsync(string name)
    {
        Stop(name);
        await StartAsync(name).ConfigureAwait(false);
    }

    /// <summary>Stops one component; <see cref="StartAsync(string)"/> brings it back.</summary>
    public void Stop(string name)
    {
        if (running.Remove(name, out var process))
        {
            process.Dispose();
        }
    }

    public async Task StartAsync(string name)
    {
        var (binary, arguments) = commands[name];
        running[name] = ComponentProcess.Start(name, binary, arguments, Path.Combine(Logs, name + ".log"));
        await WaitReadyAsync(name).ConfigureAwait(false);
    }

    /// <summary>The last lines of one component's log, for a failure message.</summary>
    public string Tail(string name, int lines = 40)
    {
        var path = Path.Combine(Logs, name + ".log");
        return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(lines)) : "";
    }

    public void Dispose()
    {
        foreach (var name in new[] { Names.ControllerManager, Names.ApiServer, Names.Etcd })
        {
            Stop(name);
        }

        if (etcdData is not null && Directory.Exists(etcdData))
        {
            Directory.Delete(etcdData, recursive: true);
        }
    }

    private async Task StartComponentsAsync(bool controllerManager)
    {
        var etcdPort = FreePort.Next();
        var peerPort = FreePort.Next();
        var etcdUrl = $"http://127.0.0.1:{etcdPort.ToString(CultureInfo.InvariantCulture)}";
        var peerUrl = $"http://127.0.0.1:{peerPort.ToString(CultureInfo.InvariantCulture)}";
        commands[Names.Etcd] = (KubeAssets.Etcd!,
        [
            "--name", "local", "--data-dir", EtcdDataFolder(),
            "--listen-client-urls", etcdUrl, "--advertise-client-urls", etcdUrl,
            "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
            "--initial-cluster", "local=" + peerUrl, "--initial-cluster-state", "new",
            "--enable-v2=false",
        ]);
        commands[Names.ApiServer] = (KubeAssets.KubeApiServer,
        [
            "--bind-address=127.0.0.1", $"--secure-port={apiPort}", "--advertise-address=127.0.0.1",
            $"--etcd-servers={etcdUrl}", $"--service-cluster-ip-range={ServiceRange}", "--endpoint-reconciler-type=none",
            "--authorization-mode=Node,RBAC", $"--client-ca-file={Pki.CaCert}",
            $"--tls-cert-file={Pki.ApiServerCert}", $"--tls-private-key-file={Pki.ApiServerKey}",
            $"--service-account-key-file={Pki.ServiceAccountPublicKey}", $"--service-account-signing-key-file={Pki.ServiceAccountKey}",
            "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
            $"--requestheader-client-ca-file={Pki.FrontProxyCaCert}", "--requestheader-allowed-names=front-proxy-client",
            "--requestheader-username-headers=X-Remote-User", "--requestheader-group-headers=X-Remote-Group",
            "--requestheader-extra-headers-prefix=X-Remote-Extra-",
            $"--proxy-client-cert-file={Pki.FrontProxyClientCert}", $"--proxy-client-key-file={Pki.FrontProxyClientKey}",
        ]);
        var kcmPort = FreePort.Next();
        commands[Names.ControllerManager] = (KubeAssets.KubeControllerManager,
        [
            "--bind-address=127.0.0.1", $"--secure-port={kcmPort}", $"--kubeconfig={Kubeconfig}",
            $"--authentication-kubeconfig={Kubeconfig}", $"--authorization-kubeconfig={Kubeconfig}",
            $"--client-ca-file={Pki.CaCert}", $"--requestheader-client-ca-file={Pki.FrontProxyCaCert}",
            $"--service-account-private-key-file={Pki.ServiceAccountKey}", $"--root-ca-file={Pki.CaCert}",
            $"--cluster-signing-cert-file={Pki.CaCert}", $"--cluster-signing-key-file={Pki.CaKey}",
            $"--service-cluster-ip-range={ServiceRange}", "--use-service-account-credentials=true",

            // node-lifecycle is off: with no kubelets, a test marks its Nodes Ready itself and they stay so.
            "--controllers=*,-service-ca-certificate-publisher-controller,-node-lifecycle-controller", "--leader-elect=false",
        ]);
        healthUrls[Names.Etcd] = new Uri(etcdUrl + "/health");
        healthUrls[Names.ApiServer] = new Uri(Server, "/readyz");
        healthUrls[Names.ControllerManager] = new Uri($"https://127.0.0.1:{kcmPort.ToString(CultureInfo.InvariantCulture)}/healthz");

        await StartAsync(Names.Etcd).ConfigureAwait(false);
        await StartAsync(Names.ApiServer).ConfigureAwait(false);
        WriteKubeconfig();
        if (controllerManager)
        {
            await StartAsync(Names.ControllerManager).ConfigureAwait(false);
        }
    }

    private async Task WaitReadyAsync(string name)
    {
        using var http = HttpFor(name);
        var deadline = DateTime.UtcNow + ApiServerStart;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            if (running[name].HasExited)
            {
                throw new InvalidOperationException($"{name} exited during start-up:\n{Tail(name)}");
            }

            try
            {
                using var response = await http.GetAsync(healthUrls[name]).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // A probe that times out (a loaded machine, a server still starting) is one more "not yet".
                last = e.Message;
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        throw new TimeoutException($"{name} not ready after {ApiServerStart.TotalSeconds} s ({last}):\n{Tail(name)}");
    }

    /// <summary>etcd fsyncs every write; on memory (/dev/shm) a test cluster writes as fast as the API server can,
    /// which keeps the suite's time down. The data is thrown away with the cluster anyway.</summary>
    private string EtcdDataFolder()
    {
        var memory = "/dev/shm";
        var folder = Directory.Exists(memory)
            ? Path.Combine(memory, "dapr-shared-etcd-" + Path.GetFileName(State.TrimEnd('/')))
            : Path.Combine(State, "data", "etcd");
        etcdData = folder;
        return folder;
    }

    private HttpClient HttpFor(string name)
    {
        var handler = new SocketsHttpHandler();
        if (name == Names.ApiServer)
        {
            var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Pki.CaCert));
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [X509Certificate2.CreateFromPemFile(Pki.AdminCert, Pki.AdminKey)],
                RemoteCertificateValidationCallback = (_, certificate, _, _) => TrustedBy(ca, certificate),
            };
        }
        else
        {
            // kube-controller-manager serves a self-signed certificate of its own; only liveness is asked here.
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true };
        }

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
    }

    private static bool TrustedBy(X509Certificate2 ca, X509Certificate? presented)
    {
        if (presented is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(X509CertificateLoader.LoadCertificate(presented.GetRawCertData()));
    }

    private void WriteKubeconfig()
    {
        static string Base64(string path) => Convert.ToBase64String(File.ReadAllBytes(path));
        var text = new StringBuilder()
            .AppendLine("apiVersion: v1")
            .AppendLine("kind: Config")
            .AppendLine("clusters:")
            .AppendLine("- name: local")
            .AppendLine("  cluster:")
            .AppendLine(CultureInfo.InvariantCulture, $"    server: {Server.AbsoluteUri.TrimEnd('/')}")
            .AppendLine(CultureInfo.InvariantCulture, $"    certificate-authority-data: {Base64(Pki.CaCert)}")
            .AppendLine("users:")
            .AppendLine("- name: admin")
            .AppendLine("  user:")
            .AppendLine(CultureInfo.InvariantCulture, $"    client-certificate-data: {Base64(Pki.AdminCert)}")
            .AppendLine(CultureInfo.InvariantCulture, $"    client-key-data: {Base64(Pki.AdminKey)}")
            .AppendLine("contexts:")
            .AppendLine("- name: local")
            .AppendLine("  context: {cluster: local, user: admin}")
            .AppendLine("current-context: local");
        File.WriteAllText(Kubeconfig, text.ToString());
        File.SetUnixFileMode(Kubeconfig, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>The component names, as control-plane.sh names them.</summary>
    public static class Names
    {
        public const string Etcd = "etcd";
        public const string ApiServer = "kube-apiserver";
        public const string ControllerManager = "kube-controller-manager";
    }
}
