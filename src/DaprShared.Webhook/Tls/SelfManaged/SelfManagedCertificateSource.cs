using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>The default TLS mode in a cluster: every replica keeps the CA and serving certificate in the TLS Secret
/// current (see <see cref="TlsPlanner"/>), keeps the webhook configuration's caBundle in step, and serves whatever
/// certificate the Secret holds, picking up a rotation by any replica within a poll interval, without a restart.</summary>
public sealed class SelfManagedCertificateSource : IServingCertificateSource, IDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    private readonly SelfManagedTlsReconciler reconciler;
    private readonly SelfManagedTlsOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ServingCertificateSlot slot = new();
    private readonly BackgroundPoll background = new();
    private volatile IReadOnlyList<IReadOnlyList<X509Certificate2>>? trustedBundles;
    private int failures;

    public SelfManagedCertificateSource(
        SelfManagedTlsClient client, SelfManagedTlsOptions options, IReadOnlyList<string> dnsNames, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.options = options;
        this.time = time;
        this.logger = logger;
        reconciler = new SelfManagedTlsReconciler(client, new TlsPlanner(options, dnsNames), options, time, logger);
        SelfManagedTlsLog.Configured(logger, client.Namespace, options.SecretName, options.WebhookConfigurationName, string.Join(", ", dnsNames));
    }

    public string Name => "self-managed";

    public ServingCertificate? Current => slot.Current;

    /// <summary>The CAs each webhook trusted at the last successful read; null before one (or when the webhook
    /// configuration is missing). Readiness compares the served certificate with these.</summary>
    public IReadOnlyList<IReadOnlyList<X509Certificate2>>? TrustedBundles => trustedBundles;

    public IChangeToken GetChangeToken() => slot.GetChangeToken();

    /// <summary>One reconcile before the server listens, so a healthy cluster serves from the first request; when
    /// the API server cannot be reached it returns anyway and keeps trying in the background (not ready until then).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var next = await ReconcileOnceAsync(cancellationToken);
        background.Start(ct => PollAsync(next, ct));
    }

    public Task StopAsync(CancellationToken cancellationToken) => background.StopAsync(cancellationToken);

    public void Dispose() => background.Dispose();

    /// <summary>One reconcile and publish; returns how long to wait before the next. Internal so tests can drive
    /// rotations with a fake clock instead of waiting.</summary>
    internal async Task<TimeSpan> ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        TlsReconcileResult result;
        try
        {
            result = await reconciler.ReconcileAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The API server down, RBAC missing, a timeout: keep serving what we have and back off.
            var delay = Backoff(++failures);
            SelfManagedTlsLog.ReconcileFailed(logger, delay, e);
            return delay;
        }

        trustedBundles = result.WebhookBundles;
        Publish(result.Material, result.WebhookBundles);

        var now = time.GetUtcNow();
        if (result.RetryAt is { } retryAt && retryAt > now)
        {
            return Min(retryAt - now, Jittered(options.PollInterval));
        }

        if (result.Settled || result.WebhookBundles is null)
        {
            failures = 0;
            return Jittered(options.PollInterval);
        }

        // Unsettled (lost races, a write refused): soon, but backing off so that a persistent problem is no hot loop.
        return Backoff(++failures);
    }

    // A replica switches only to a certificate the API server trusts (as last read), so one that could not write
    // the caBundle keeps serving its trusted certificate rather than an untrusted new one. With nothing served yet,
    // anything is better than nothing (readiness tells the Service whether it is trusted).
    private void Publish(TlsMaterial? material, IReadOnlyList<IReadOnlyList<X509Certificate2>>? bundles)
    {
        if (material?.Serving is not { } serving || Current?.Sha256 == CertificateChecks.Id(serving))
        {
            return;
        }

        if (Current is not null && !(bundles is { Count: > 0 } && bundles.All(b => CertificateChecks.ChainsToAny(serving, b))))
        {
            SelfManagedTlsLog.NotYetTrusted(logger, CertificateChecks.Id(serving));
            return;
        }

        try
        {
            slot.Publish(ServingCertificate.Create(serving));
        }
        catch (ServingCertificateException e)
        {
            SelfManagedTlsLog.ServeFailed(logger, e.Message);
        }
    }

    private async Task PollAsync(TimeSpan firstDelay, CancellationToken cancellationToken)
    {
        var delay = firstDelay;
        try
        {
            while (true)
            {
                await Task.Delay(delay, time, cancellationToken);
                delay = await ReconcileOnceAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = FirstRetry * Math.Pow(2, Math.Min(attempt - 1, 10));
        return Jittered(Min(exponential, options.PollInterval));
    }

    // ±10 %, so replicas that started together do not poll in lockstep.
    private static TimeSpan Jittered(TimeSpan interval) => interval * (0.9 + (Random.Shared.NextDouble() * 0.2));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
