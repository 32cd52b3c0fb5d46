namespace Verification.Probes.Connectivity.Checks;

/// <summary>The database refuses a session without TLS (rds.force_ssl), as observed on the wire.</summary>
public sealed class PostgresRefusesPlaintext : DataPathCheck
{
    public override string Title => "PostgreSQL refuses sessions without TLS";

    public override string Remediation =>
        "Set rds.force_ssl = 1 in the DB (cluster) parameter group and reboot; hostssl-only pg_hba on self-managed servers.";

    protected override Task<ProbeResult> ProbeAsync(DataPathContext context, CancellationToken cancellationToken) =>
        new PostgresPlaintextProbe(context.Settings.Probe, context.Time).ProbeAsync(context.Targets.Db, context.Credentials.DbName, cancellationToken);

    protected override string? MissingProof(ProbeResult result) =>
        result.Evidence.ContainsKey("sqlstate") || result.Evidence.ContainsKey("server_said") ? null : "no refusal from the server was recorded";
}
