using Verification.Probes.Controls;

namespace Verification.Probes.Connectivity.Checks;

/// <summary>The ALB's HTTPS listener serves TLS 1.2+ with a certificate valid for the application's host name.</summary>
public sealed class AlbServesModernTls : DataPathCheck
{
    public override string Title => "The ALB serves TLS 1.2 or newer with a certificate valid for the application's name";

    public override Severity Severity => Severity.High;

    public override string Remediation =>
        "Attach an ACM certificate for the application's name to the HTTPS listener with ELBSecurityPolicy-TLS13-1-2-2021-06, and set AppHostname.";

    protected override Task<ProbeResult> ProbeAsync(DataPathContext context, CancellationToken cancellationToken) =>
        new TlsEndpointProbe(context.Settings.Probe, context.Time).ProbeAsync(context.Targets.AlbHttps, context.Settings.AppHostname, cancellationToken);

    protected override string? MissingProof(ProbeResult result) => MissingVerifiedTls(result);
}
