using Verification.Probes.Controls;

namespace Verification.Probes.Connectivity.Checks;

/// <summary>db_endpoint resolves only to private addresses.</summary>
public sealed class DbEndpointResolvesPrivate : DataPathCheck
{
    public override string Title => "db_endpoint resolves only to private addresses";

    public override Severity Severity => Severity.High;

    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(e)(1)"];

    public override string Remediation => "Set publicly_accessible = false on the DB instance and keep it in the private-db subnets.";

    protected override Task<ProbeResult> ProbeAsync(DataPathContext context, CancellationToken cancellationToken) =>
        new PrivateAddressProbe(context.Settings.Probe, context.Time).ProbeAsync(context.Targets.Db, cancellationToken);

    protected override string? MissingProof(ProbeResult result) =>
        string.IsNullOrEmpty(result.Evidence.GetValueOrDefault("addresses")) ? "no resolved address was recorded" : null;
}
