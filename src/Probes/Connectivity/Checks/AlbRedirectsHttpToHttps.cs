using Verification.Probes.Controls;

namespace Verification.Probes.Connectivity.Checks;

/// <summary>A plain-HTTP request to the ALB is answered with a redirect to https://, as observed on the wire.</summary>
public sealed class AlbRedirectsHttpToHttps : DataPathCheck
{
    public override string Title => "The ALB answers plain HTTP with a redirect to HTTPS";

    public override Severity Severity => Severity.High;

    public override IReadOnlyList<string> Hipaa => ["164.312(e)(1)"];

    public override string Remediation => "Make the port-80 listener's default action a redirect to HTTPS (status HTTP_301).";

    protected override Task<ProbeResult> ProbeAsync(DataPathContext context, CancellationToken cancellationToken) =>
        new HttpsRedirectProbe(context.Settings.Probe, context.Time).ProbeAsync(context.Targets.AlbHttp, cancellationToken);

    protected override string? MissingProof(ProbeResult result) =>
        result.Evidence.GetValueOrDefault("location") is { } location && location.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? null
            : "no redirect to an https:// location was recorded";
}
