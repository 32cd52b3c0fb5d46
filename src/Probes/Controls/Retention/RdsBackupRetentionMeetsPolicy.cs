using Verification.Probes.Collection;

using Verification.Probes.Controls.Database;

namespace Verification.Probes.Controls.Retention;

/// <summary>RDS and Aurora automated backups are kept at least as long as the policy requires.</summary>
public sealed class RdsBackupRetentionMeetsPolicy : ResourceControl<DatabaseUnit>
{
    public override string Title => "RDS and Aurora automated backups are kept for at least the policy's retention period";
    public override string Area => "Retention";
    public override string Service => "RDS";
    public override Severity Severity => Severity.High;
    public override string Risk => "Point-in-time recovery cannot reach back far enough to restore ePHI after corruption or ransomware. The minimum is the organisation's policy (default 30 days, runsettings MinBackupRetentionDays).";
    public override string Remediation => "Set backup_retention_period (BackupRetentionPeriod) to at least the policy minimum, e.g. 30 (RDS allows up to 35).";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"];
    protected override string ResourceKind => "RDS DB instance or Aurora cluster";

    protected override Fetched<List<DatabaseUnit>> Resources(EvaluationContext context) => DatabaseUnit.Of(context.Snapshot);

    protected override string ResourceId(DatabaseUnit resource) => resource.Arn;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => DatabaseUnit.Facts(context.Snapshot);

    protected override Finding Judge(EvaluationContext context, DatabaseUnit db)
    {
        var minimum = context.Policy.MinBackupRetentionDays;
        var evidence = Evidence.Of(("BackupRetentionPeriod", db.BackupRetentionPeriod), ("policyMinimumDays", minimum), ("policySource", "organisation policy (HIPAA requires retrievable exact copies, no period)"));
        if (db.BackupRetentionPeriod is null)
        {
            return Unreported(context, db.Arn, db.Name, "BackupRetentionPeriod");
        }

        return db.BackupRetentionPeriod >= minimum
            ? Pass(context, db.Arn, $"{db.Name} keeps automated backups {db.BackupRetentionPeriod} days (policy minimum {minimum}).", evidence)
            : Fail(context, db.Arn, $"{db.Name} keeps automated backups only {db.BackupRetentionPeriod} days; the policy minimum is {minimum}.", evidence);
    }
}
