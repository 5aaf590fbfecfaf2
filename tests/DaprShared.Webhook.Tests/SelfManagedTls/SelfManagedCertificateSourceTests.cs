using System.Net;
using DaprShared.FakeKubeApi;
using DaprShared.Webhook.Tls.SelfManaged;
using k8s.Models;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DaprShared.Webhook.Tests.SelfManagedTls;

/// <summary>Self-managed TLS against the fake API server: bootstrap, replicas racing, rotation of the serving
/// certificate and of the CA (with a clock the test moves), forced rotation, and damage repaired. The invariant
/// checked throughout: the API server trusts every certificate any replica serves.</summary>
public sealed class SelfManagedCertificateSourceTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public async Task Reconcile_NothingInTheCluster_CreatesCaAndServingCertificateAndTrustsItInEveryWebhook()
    {
        await using var cluster = await TlsCluster.StartAsync();
        var replica = cluster.NewReplica();

        await replica.ReconcileOnceAsync(CancellationToken.None);

        var secret = cluster.Secret();
        secret.Should().NotBeNull();
        secret!.Type.Should().Be("kubernetes.io/tls");
        secret.Data.Keys.Should().BeEquivalentTo("tls.crt", "tls.key", "ca.crt", "ca.key");
        var material = cluster.Material();
        material.PreviousAuthorities.Should().BeEmpty();
        CertificateChecks.DnsNames(material.Serving!).Should().BeEquivalentTo(
            "dapr-shared-injector", "dapr-shared-injector.dapr-shared-system",
            "dapr-shared-injector.dapr-shared-system.svc", "dapr-shared-injector.dapr-shared-system.svc.cluster.local");
        CertificateChecks.IsIssuedBy(material.Serving!, material.Authority).Should().BeTrue();

        var caId = CertificateChecks.Id(material.Authority);
        cluster.TrustedIds().Should().HaveCount(2).And.AllSatisfy(ids => ids.Should().BeEquivalentTo([caId]));
        replica.Current!.Sha256.Should().Be(CertificateChecks.Id(material.Serving!));
        SelfManagedTlsHealthCheck.Check(replica).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Reconcile_TwoReplicasStartingTogether_OneSecretWinsAndBothServeIt()
    {
        await using var cluster = await TlsCluster.StartAsync();
        var first = cluster.NewReplica();
        var second = cluster.NewReplica();
        // Both find no Secret, then both try to create one: the second create must lose with 409.
        cluster.Api.Faults.Delay(TimeSpan.FromMilliseconds(1500), r => r.Verb == Verbs.Create && r.Resource == "secrets", count: 2);

        await Task.WhenAll(first.ReconcileOnceAsync(CancellationToken.None), second.ReconcileOnceAsync(CancellationToken.None));

        cluster.SecretCreates().Should().Be(1);
        cluster.Api.Requests.Count(r => r.Verb == Verbs.Create && r.Resource == "secrets" && r.StatusCode == 409).Should().Be(1);
        var served = CertificateChecks.Id(cluster.Material().Serving!);
        first.Current!.Sha256.Should().Be(served);
        second.Current!.Sha256.Should().Be(served);
        cluster.ApiServerTrusts(first.Current.Certificate).Should().BeTrue();
        SelfManagedTlsHealthCheck.Check(first).Status.Should().Be(HealthStatus.Healthy);
        SelfManagedTlsHealthCheck.Check(second).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Reconcile_ServingCertificateTwoThirdsThroughItsLife_RenewedFromTheSameCaAndPickedUpByTheOtherReplica()
    {
        await using var cluster = await TlsCluster.StartAsync();
        var writer = cluster.NewReplica();
        var reader = cluster.NewReplica();
        await writer.ReconcileOnceAsync(CancellationToken.None);
        await reader.ReconcileOnceAsync(CancellationToken.None);
        var before = cluster.Material();
        var trustedBefore = cluster.TrustedIds();
        var changed = false;
        using var subscription = reader.GetChangeToken().RegisterChangeCallback(_ => changed = true, null);

        cluster.Clock.Advance(Day * 244); // 2/3 of 365 days is 243.3
        await writer.ReconcileOnceAsync(CancellationToken.None);
        await reader.ReconcileOnceAsync(CancellationToken.None);

        var after = cluster.Material();
        CertificateChecks.Id(after.Serving!).Should().NotBe(CertificateChecks.Id(before.Serving!));
        CertificateChecks.Id(after.Authority).Should().Be(CertificateChecks.Id(before.Authority));
        after.Serving!.NotAfter.Should().BeAfter(before.Serving!.NotAfter);
        cluster.TrustedIds().Should().BeEquivalentTo(trustedBefore, "the CA did not change, so neither does the caBundle");
        reader.Current!.Sha256.Should().Be(CertificateChecks.Id(after.Serving!), "replicas serve the new certificate without a restart");
        changed.Should().BeTrue();
    }

    [Fact]
    public async Task Reconcile_CaTwoThirdsThroughItsLife_NewCaTrustedBeforeItsCertificateIsServedAndOldCaDroppedAfterTheOverlap()
    {
        await using var cluster = await TlsCluster.StartAsync();
        var writer = cluster.NewReplica();
        var laggard = cluster.NewReplica();
        await writer.ReconcileOnceAsync(CancellationToken.None);
        await laggard.ReconcileOnceAsync(CancellationToken.None);
        var oldCa = CertificateChecks.Id(cluster.Material().Authority);

        // Serving certificates are renewed every 8 months on the way; the CA (5 years) is due after 3 years 4 months.
        for (var month = 0; month < 41; month++)
        {
            cluster.Clock.Advance(Day * 30);
            await writer.ReconcileOnceAsync(CancellationToken.None);
            cluster.ApiServerTrusts(writer.Current!.Certificate).Should().BeTrue($"month {month}");
        }

        var rotating = cluster.Material();
        var newCa = CertificateChecks.Id(rotating.Authority);
        newCa.Should().NotBe(oldCa, "the CA is renewed at two thirds of its life");
        rotating.PreviousAuthorities.Select(CertificateChecks.Id).Should().Contain(oldCa);
        cluster.TrustedIds().Should().AllSatisfy(ids => ids.Should().Contain([newCa, oldCa]));
        CertificateChecks.IsIssuedBy(rotating.Serving!, rotating.Authority).Should().BeFalse(
            "no certificate from the new CA is served until the API server has had time to load the new caBundle");

        cluster.Clock.Advance(cluster.Options.PropagationDelay + TimeSpan.FromSeconds(1));
        await writer.ReconcileOnceAsync(CancellationToken.None);
        var switched = cluster.Material();
        CertificateChecks.IsIssuedBy(switched.Serving!, switched.Authority).Should().BeTrue();
        cluster.ApiServerTrusts(writer.Current!.Certificate).Should().BeTrue();
        cluster.ApiServerTrusts(laggard.Current!.Certificate).Should().BeTrue("a replica that has not re-read the Secret still serves a trusted certificate");

        await laggard.ReconcileOnceAsync(CancellationToken.None);
        cluster.Clock.Advance(cluster.Options.TrustOverlap);
        await writer.ReconcileOnceAsync(CancellationToken.None);

        cluster.Material().PreviousAuthorities.Should().BeEmpty();
        cluster.TrustedIds().Should().AllSatisfy(ids => ids.Should().BeEquivalentTo([newCa]));
        cluster.ApiServerTrusts(laggard.Current!.Certificate).Should().BeTrue();
    }

    [Fact]
    public async Task Reconcile_SecretDeleted_NewCaWhileTheOldStaysTrustedForReplicasStillServingIt()
    {
        await using var cluster = await TlsCluster.StartAsync();
        var writer = cluster.NewReplica();
        var other = cluster.NewReplica();
        await writer.ReconcileOnceAsync(CancellationToken.None);
        await other.ReconcileOnceAsync(CancellationToken.None);
        var oldCa = CertificateChecks.Id(cluster.Material().Authority);

        cluster.Api.Store.Delete<V1Secret>(TlsCluster.Namespace, cluster.Options.SecretName).Should().BeTrue();
        await writer.ReconcileOnceAsync(CancellationToken.None);

        var material = cluster.Material();
        CertificateChecks.Id(material.Authority).Should().NotBe(oldCa);
        cluster.ApiServerTrusts(writer.Current!.Certificate).Should().BeTrue();
        cluster.ApiServerTrusts(other.Current!.Certificate).Should().BeTrue("the other replica still serves the old certificate");
        SelfManagedTlsHealthCheck.Check(other).Status.Should().Be(HealthStatus.Healthy);

        await other.ReconcileOnceAsync(CancellationToken.None);
        other.Current!.Sha256.Should().Be(writer.Current.Sha256);
    }

    [Fact]
    public async Task Reconcile_CaBundleNotWritable_NoNewCaIsWrittenAndTheTrustedCertificateKeepsBeingServed()
    {
        await using var cluster = await TlsCluster.StartAsync();
        var writer = cluster.NewReplica();
        var other = cluster.NewReplica();
        await writer.ReconcileOnceAsync(CancellationToken.None);
        await other.ReconcileOnceAsync(CancellationToken.None);
        cluster.Api.Faults.FailAll(HttpStatusCode.Forbidden, r => r.Verb == Verbs.Patch && r.Resource == "mutatingwebhookconfigurations");
        cluster.Api.Store.Delete<V1Secret>(TlsCluster.Namespace, cluster.Options.SecretName);

        await writer.ReconcileOnceAsync(CancellationToken.None);
        await other.ReconcileOnceAsync(CancellationToken.None);

        cluster.Secret().Should().BeNull("a new CA is written to the caBundle before any certificate from it can be served");
        cluster.ApiServerTrusts(writer.Current!.Certificate).Should().BeTrue();
        cluster.ApiServerTrusts(other.Current!.Certificate).Should().BeTrue();
    }

    [Fact]
    public async Task Reconcile_SecretHoldsACertificateTheCaBundleDoesNotTrust_KeepsServingTheTrustedOneAndIsReady()
    {
        await using var cluster = await TlsCluster.StartAsync();
        var replica = cluster.NewReplica();
        await replica.ReconcileOnceAsync(CancellationToken.None);
        var trusted = replica.Current!.Sha256;
        // Every caBundle write loses its race (422 from the resourceVersion test), so the reconcile ends unsettled.
        cluster.Api.Faults.FailAll(HttpStatusCode.UnprocessableEntity, r => r.Verb == Verbs.Patch && r.Resource == "mutatingwebhookconfigurations");
        // Someone puts a certificate from a foreign CA into the Secret by hand.
        var foreign = CertificateIssuer.CreateAuthority("foreign", cluster.Clock.GetUtcNow(), TimeSpan.FromDays(2000));
        var material = new TlsMaterial(
            foreign, [], CertificateIssuer.IssueServing(foreign, cluster.DnsNames, cluster.Clock.GetUtcNow(), TimeSpan.FromDays(365)),
            DateTimeOffset.MinValue, DateTimeOffset.MinValue, cluster.Secret()!.Metadata.ResourceVersion);
        cluster.Api.Store.Put(TlsSecretCodec.Encode(material, cluster.Options.SecretName, TlsCluster.Namespace));

        await replica.ReconcileOnceAsync(CancellationToken.None);

        replica.Current!.Sha256.Should().Be(trusted);
        SelfManagedTlsHealthCheck.Check(replica).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Reconcile_CaBundleOverwritten_PutBackFromTheSecret()
    {
        await using var cluster = await TlsCluster.StartAsync();
        var replica = cluster.NewReplica();
        await replica.ReconcileOnceAsync(CancellationToken.None);
        cluster.Api.Store.Put(TlsCluster.ShippedWebhookConfiguration()); // `kubectl replace` of the manifest: no caBundle

        await replica.ReconcileOnceAsync(CancellationToken.None);

        SelfManagedTlsHealthCheck.Check(replica).Status.Should().Be(HealthStatus.Healthy);
        cluster.ApiServerTrusts(replica.Current!.Certificate).Should().BeTrue();
    }

    [Fact]
    public async Task Reconcile_SecretDamagedByHand_ReplacedWithAWorkingOne()
    {
        await using var cluster = await TlsCluster.StartAsync();
        var replica = cluster.NewReplica();
        await replica.ReconcileOnceAsync(CancellationToken.None);
        cluster.Api.Store.Update<V1Secret>(TlsCluster.Namespace, cluster.Options.SecretName, s => s.Data["ca.key"] = "not a key"u8.ToArray());

        await replica.ReconcileOnceAsync(CancellationToken.None);

        var material = cluster.Material();
        CertificateChecks.IsIssuedBy(material.Serving!, material.Authority).Should().BeTrue();
        replica.Current!.Sha256.Should().Be(CertificateChecks.Id(material.Serving!));
        cluster.ApiServerTrusts(replica.Current.Certificate).Should().BeTrue();
    }

    [Fact]
    public async Task Reconcile_SettledState_WritesNothing()
    {
        await using var cluster = await TlsCluster.StartAsync();
        var replica = cluster.NewReplica();
        await replica.ReconcileOnceAsync(CancellationToken.None);
        var mark = cluster.Api.Requests.Mark();

        await replica.ReconcileOnceAsync(CancellationToken.None);
        cluster.Clock.Advance(Day * 100);
        await replica.ReconcileOnceAsync(CancellationToken.None);

        cluster.Api.Requests.Writes(mark).Should().BeEmpty();
    }

    [Fact]
    public async Task Reconcile_NoWebhookConfiguration_WritesNoSecretAndIsNotReady()
    {
        await using var cluster = await TlsCluster.StartAsync(withWebhookConfiguration: false);
        var replica = cluster.NewReplica();

        await replica.ReconcileOnceAsync(CancellationToken.None);

        cluster.Secret().Should().BeNull("a CA nobody trusts would only be served to fail");
        replica.Current.Should().BeNull();
        SelfManagedTlsHealthCheck.Check(replica).Status.Should().Be(HealthStatus.Unhealthy);

        cluster.Api.Store.Put(TlsCluster.ShippedWebhookConfiguration());
        await replica.ReconcileOnceAsync(CancellationToken.None);
        SelfManagedTlsHealthCheck.Check(replica).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task StartAsync_ApiServerDown_ReturnsNotReadyAndBacksOffThenServesOnceItIsBack()
    {
        await using var cluster = await TlsCluster.StartAsync();
        var replica = cluster.NewReplica();
        await cluster.Api.StopAsync();

        var delay = await replica.ReconcileOnceAsync(CancellationToken.None);

        delay.Should().BeLessThan(TimeSpan.FromSeconds(2), "the first retry comes soon");
        replica.Current.Should().BeNull();
        SelfManagedTlsHealthCheck.Check(replica).Status.Should().Be(HealthStatus.Unhealthy);

        await cluster.Api.RestartAsync();
        await replica.ReconcileOnceAsync(CancellationToken.None);
        SelfManagedTlsHealthCheck.Check(replica).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Reconcile_FailingRepeatedly_BacksOffUpToThePollInterval()
    {
        await using var cluster = await TlsCluster.StartAsync();
        var replica = cluster.NewReplica();
        cluster.Api.Faults.FailAll(HttpStatusCode.ServiceUnavailable);

        var delays = new List<TimeSpan>();
        for (var attempt = 0; attempt < 8; attempt++)
        {
            delays.Add(await replica.ReconcileOnceAsync(CancellationToken.None));
        }

        delays.Take(5).Should().BeInAscendingOrder();
        delays.Should().AllSatisfy(d => d.Should().BeLessThanOrEqualTo(cluster.Options.PollInterval * 1.1));
        delays[^1].Should().BeGreaterThan(cluster.Options.PollInterval * 0.8);
    }

    [Fact]
    public async Task Reconcile_ForbiddenByRbac_KeepsServingWhatItHasAndReportsNotReadyOnlyWhenUntrusted()
    {
        await using var cluster = await TlsCluster.StartAsync();
        var replica = cluster.NewReplica();
        await replica.ReconcileOnceAsync(CancellationToken.None);
        var served = replica.Current!.Sha256;
        cluster.Api.Faults.FailAll(HttpStatusCode.Forbidden);

        var delay = await replica.ReconcileOnceAsync(CancellationToken.None);

        delay.Should().BePositive();
        replica.Current!.Sha256.Should().Be(served);
        SelfManagedTlsHealthCheck.Check(replica).Status.Should().Be(HealthStatus.Healthy);
    }
}
