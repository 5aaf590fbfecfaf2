using DaprShared.Webhook.Tls.SelfManaged;

namespace DaprShared.Webhook.Tests.SelfManagedTls;

/// <summary>The planner alone, on hand-made observations: each rule of <see cref="TlsPlanner"/> in isolation.</summary>
public sealed class TlsPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SelfManagedTlsOptions Options = new();
    private static readonly IReadOnlyList<string> Names = CertificateIssuer.ServiceDnsNames("dapr-shared-injector", "dapr-shared-system", "cluster.local");
    private readonly TlsPlanner planner = new(Options, Names);

    [Fact]
    public void Next_NoSecret_WritesANewCaAndCertificateAfterTrustingTheCa()
    {
        var step = planner.Next(new TlsObservation(false, null, null, null, [[], []]), Now);

        step.Kind.Should().Be(TlsStepKind.WriteSecret);
        step.CreateSecret.Should().BeTrue();
        step.TrustFirst.Should().NotBeNull();
        CertificateChecks.Id(step.TrustFirst!).Should().Be(CertificateChecks.Id(step.Material!.Authority));
        CertificateChecks.IsIssuedBy(step.Material.Serving!, step.Material.Authority).Should().BeTrue();
        step.Material.Authority.HasPrivateKey.Should().BeTrue();
    }

    [Fact]
    public void Next_NoSecretButTheConfigurationTrustsAnOldCa_KeepsTrustingItForTheOverlap()
    {
        var old = Material(Now.AddDays(-30));

        var step = planner.Next(new TlsObservation(false, null, null, null, [[old.Authority], [old.Authority]]), Now);

        step.Material!.PreviousAuthorities.Select(CertificateChecks.Id).Should().Equal(CertificateChecks.Id(old.Authority));
        step.Material.TrustPreviousUntil.Should().Be(Now + Options.TrustOverlap);
    }

    [Fact]
    public void Next_UnusableSecret_ReplacesItKeepingItsResourceVersion()
    {
        var step = planner.Next(new TlsObservation(true, "42", null, "ca.crt holds no certificate", [[]]), Now);

        step.Kind.Should().Be(TlsStepKind.WriteSecret);
        step.CreateSecret.Should().BeFalse();
        step.Material!.ResourceVersion.Should().Be("42");
        step.Reason.Should().Contain("ca.crt holds no certificate");
    }

    [Fact]
    public void Next_CurrentAndTrusted_Done()
    {
        var material = Material(Now.AddDays(-10));

        var step = planner.Next(Trusted(material), Now);

        step.Kind.Should().Be(TlsStepKind.Done);
    }

    [Fact]
    public void Next_CaBundleMissingTheCa_PatchesIt()
    {
        var material = Material(Now.AddDays(-10));

        var step = planner.Next(new TlsObservation(true, "1", material, null, [[material.Authority], []]), Now);

        step.Kind.Should().Be(TlsStepKind.PatchCaBundle);
        step.CaBundle!.Select(CertificateChecks.Id).Should().Equal(CertificateChecks.Id(material.Authority));
    }

    [Fact]
    public void Next_CaBundleHoldsAYoungForeignCa_KeptBecauseAnotherReplicaMayBeMidWrite()
    {
        var material = Material(Now.AddDays(-10));
        var young = CertificateIssuer.CreateAuthority("young", Now.AddMinutes(-1), TimeSpan.FromDays(100));

        var step = planner.Next(new TlsObservation(true, "1", material, null, [[material.Authority, young]]), Now);

        step.Kind.Should().Be(TlsStepKind.Done);
    }

    [Fact]
    public void Next_CaBundleHoldsAnOldForeignCa_Removed()
    {
        var material = Material(Now.AddDays(-10));
        var stale = CertificateIssuer.CreateAuthority("stale", Now.AddDays(-5), TimeSpan.FromDays(100));

        var step = planner.Next(new TlsObservation(true, "1", material, null, [[material.Authority, stale]]), Now);

        step.Kind.Should().Be(TlsStepKind.PatchCaBundle);
        step.CaBundle!.Select(CertificateChecks.Id).Should().Equal(CertificateChecks.Id(material.Authority));
    }

    [Fact]
    public void Next_ServingCertificateForOtherNames_Reissued()
    {
        var material = Material(Now.AddDays(-10));
        var wrong = CertificateIssuer.IssueServing(material.Authority, ["other.example"], Now.AddDays(-1), TimeSpan.FromDays(365));

        var step = planner.Next(Trusted(material with { Serving = wrong }), Now);

        step.Kind.Should().Be(TlsStepKind.WriteSecret);
        CertificateChecks.DnsNames(step.Material!.Serving!).Should().BeEquivalentTo(Names);
        step.TrustFirst.Should().BeNull("the CA is already trusted");
    }

    [Fact]
    public void Next_CertificateFromANewCaNotYetPropagated_Waits()
    {
        var old = Material(Now.AddDays(-400));
        var ca = CertificateIssuer.CreateAuthority("new", Now, Options.CaValidity);
        var rotated = old with { Authority = ca, PreviousAuthorities = [old.Authority], AuthorityIntroducedAt = Now, TrustPreviousUntil = Now + Options.TrustOverlap };

        var step = planner.Next(new TlsObservation(true, "1", rotated, null, [[ca, old.Authority]]), Now.AddSeconds(5));

        step.Kind.Should().Be(TlsStepKind.Wait);
        step.RetryAt.Should().Be(Now + Options.PropagationDelay);
    }

    [Fact]
    public void Next_ServingCertificateWouldOutliveTheCa_CappedAtTheCasExpiry()
    {
        var ca = CertificateIssuer.CreateAuthority("short", Now.AddDays(-1), TimeSpan.FromDays(30));

        var serving = CertificateIssuer.IssueServing(ca, Names, Now, TimeSpan.FromDays(365));

        serving.NotAfter.Should().Be(ca.NotAfter);
    }

    [Fact]
    public void ServiceDnsNames_AnyService_EveryFormTheApiServerMayUse()
    {
        CertificateIssuer.ServiceDnsNames("hook", "team", "example.internal").Should().BeEquivalentTo(
            "hook", "hook.team", "hook.team.svc", "hook.team.svc.example.internal");
    }

    private static TlsMaterial Material(DateTimeOffset madeAt)
    {
        var ca = CertificateIssuer.CreateAuthority("test CA", madeAt, Options.CaValidity);
        var serving = CertificateIssuer.IssueServing(ca, Names, madeAt, Options.ServingValidity);
        return new TlsMaterial(ca, [], serving, madeAt, madeAt + Options.TrustOverlap, "1");
    }

    private static TlsObservation Trusted(TlsMaterial material) =>
        new(true, "1", material, null, [[material.Authority], [material.Authority]]);
}
