using k8s.Models;
using Microsoft.Extensions.Logging;

namespace DaprShared.Webhook.Tls.SelfManaged;

/// <summary>Reads the Secret and the webhook configuration, asks the <see cref="TlsPlanner"/> for the next step,
/// performs it, and reads again, until nothing is left to do. Every write is conditional on what was read, so a
/// replica that loses a race simply reads the winner's result.</summary>
public sealed class SelfManagedTlsReconciler(
    SelfManagedTlsClient client, TlsPlanner planner, SelfManagedTlsOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>Enough for the longest path (bootstrap, caBundle, a lost race or two) without spinning forever.</summary>
    private const int MaxSteps = 8;

    public async Task<TlsReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        TlsObservation observation = new(false, null, null, null, null);
        for (var step = 0; step < MaxSteps; step++)
        {
            var (secret, configuration) = (await client.ReadSecretAsync(cancellationToken), await client.ReadWebhookConfigurationAsync(cancellationToken));
            observation = Observe(secret, configuration);
            if (configuration is null)
            {
                SelfManagedTlsLog.ConfigurationMissing(logger, options.WebhookConfigurationName);
            }

            var next = planner.Next(observation, time.GetUtcNow());
            switch (next.Kind)
            {
                case TlsStepKind.Done:
                    return new TlsReconcileResult(observation.Material, observation.WebhookBundles, Settled: true, RetryAt: null);

                case TlsStepKind.Wait:
                    SelfManagedTlsLog.Waiting(logger, next.RetryAt!.Value, next.Reason);
                    return new TlsReconcileResult(observation.Material, observation.WebhookBundles, Settled: false, next.RetryAt);

                case TlsStepKind.PatchCaBundle when configuration is not null:
                    SelfManagedTlsLog.Step(logger, "writing the caBundle", next.Reason);
                    if (!await client.PatchCaBundleAsync(configuration, TlsSecretCodec.BundlePem(next.CaBundle!), cancellationToken))
                    {
                        SelfManagedTlsLog.LostRace(logger, "the webhook configuration");
                    }

                    break;

                case TlsStepKind.WriteSecret:
                    if (!await WriteSecretAsync(next, configuration, cancellationToken))
                    {
                        return new TlsReconcileResult(observation.Material, observation.WebhookBundles, Settled: false, RetryAt: null);
                    }

                    break;
            }
        }

        SelfManagedTlsLog.StepLimit(logger, MaxSteps);
        return new TlsReconcileResult(observation.Material, observation.WebhookBundles, Settled: false, RetryAt: null);
    }

    /// <summary>False when the step cannot be done now (no webhook configuration to trust a new CA).</summary>
    private async Task<bool> WriteSecretAsync(TlsStep step, V1MutatingWebhookConfiguration? configuration, CancellationToken cancellationToken)
    {
        if (step.TrustFirst is { } authority)
        {
            if (configuration is null)
            {
                return false;
            }

            // Add the new CA to what is trusted now: nothing that is being served may lose its trust.
            var trusted = (configuration.Webhooks ?? [])
                .SelectMany(w => TlsSecretCodec.ParseBundle(w.ClientConfig?.CaBundle))
                .Prepend(authority)
                .DistinctBy(CertificateChecks.Id)
                .ToList();
            SelfManagedTlsLog.Step(logger, "trusting a new CA in the caBundle", step.Reason);
            if (!await client.PatchCaBundleAsync(configuration, TlsSecretCodec.BundlePem(trusted), cancellationToken))
            {
                SelfManagedTlsLog.LostRace(logger, "the webhook configuration");
                return true; // read again and re-plan
            }
        }

        var secret = TlsSecretCodec.Encode(step.Material!, options.SecretName, client.Namespace);
        SelfManagedTlsLog.Step(logger, step.CreateSecret ? "creating the TLS Secret" : "updating the TLS Secret", step.Reason);
        var written = step.CreateSecret
            ? await client.CreateSecretAsync(secret, cancellationToken)
            : await client.ReplaceSecretAsync(secret, cancellationToken);
        if (!written)
        {
            SelfManagedTlsLog.LostRace(logger, "the TLS Secret");
        }

        return true;
    }

    private static TlsObservation Observe(V1Secret? secret, V1MutatingWebhookConfiguration? configuration)
    {
        string? problem = null;
        var material = secret is null ? null : TlsSecretCodec.Decode(secret, out problem);
        var bundles = configuration?.Webhooks?
            .Select(w => TlsSecretCodec.ParseBundle(w.ClientConfig?.CaBundle))
            .ToList();
        return new TlsObservation(secret is not null, secret?.Metadata?.ResourceVersion, material, problem, bundles);
    }
}
