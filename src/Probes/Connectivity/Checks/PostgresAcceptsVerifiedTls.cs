namespace Verification.Probes.Connectivity.Checks;

/// <summary>The database accepts the stack's credentials over TLS 1.2+ with a certificate issued for db_endpoint.</summary>
public sealed class PostgresAcceptsVerifiedTls : DataPathCheck
{
    public override string Title => "PostgreSQL accepts the stack's credentials over a verified TLS 1.2+ session";

    public override string Remediation =>
        "Let the runner reach db_endpoint (security group, route), trust the RDS CA bundle (CaBundle), and make sure the secret's credentials log in.";

    protected override Task<ProbeResult> ProbeAsync(DataPathContext context, CancellationToken cancellationToken) =>
        new PostgresProbe(context.Settings.Probe, context.Time).ProbeAsync(context.Targets.Db, context.Credentials, cancellationToken);

    protected override string? MissingProof(ProbeResult result) => MissingVerifiedTls(result);
}
