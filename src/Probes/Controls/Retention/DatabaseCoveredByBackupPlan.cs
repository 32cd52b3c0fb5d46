using Verification.Probes.Collection;
using Verification.Probes.Controls.Database;

namespace Verification.Probes.Controls.Retention;

/// <summary>The stack's database is assigned to an AWS Backup plan whose rules keep recovery points at least the policy's period.</summary>
/// <remarks>
/// Peers: AWS Config's HIPAA conformance pack carries <c>db-instance-backup-enabled</c>,
/// <c>aurora-resources-protected-by-backup-plan</c> and <c>backup-plan-min-frequency-and-min-retention-check</c> (with no
/// parameters, so the rule's defaults: daily, 35 days, judged on every plan in the account); AWS Config also has
/// <c>rds-in-backup-plan</c>. Steampipe has <c>rds_db_instance_in_backup_plan</c>,
/// <c>rds_db_cluster_aurora_protected_by_backup_plan</c> and <c>backup_plan_min_retention_35_days</c>, filed under
/// 164.308(a)(7)(ii)(C). Both default to 35 days, the longest automated RDS retention; this suite's default is the
/// organisation policy MinBackupRetentionDays (30, as the seeds ask),
/// and it judges only the rules that apply to the stack's database, not every plan in the account. Prowler's HIPAA
/// mapping has no AWS Backup check: it cites <c>rds_instance_backup_enabled</c> (automated backups, which
/// <see cref="RdsBackupRetentionMeetsPolicy"/> covers) for 164.308(a)(7)(ii)(A) and (B). Backup plans are the copy
/// that outlives the database: automated RDS backups are deleted with the instance unless retained, and end at 35 days.
/// A plan that has not yet run (no recovery point in ListProtectedResources) still passes: a fresh stack would fail
/// until its first window; the last backup is shown as evidence.
/// </remarks>
public sealed class DatabaseCoveredByBackupPlan : ResourceControl<DatabaseUnit>
{
    public override string Title => "The stack's RDS or Aurora database is in an AWS Backup plan that keeps recovery points for at least the policy's retention period";
    public override string Area => "Retention";
    public override string Service => "AWS Backup";
    public override Severity Severity => Severity.High;
    public override string Risk => "Without a backup plan the only copies of the ePHI are the database's own automated backups, which end at 35 days and can go with the instance; ransomware, a bad migration or an accidental delete noticed later cannot be undone. The minimum is the organisation's policy (default 30 days, runsettings MinBackupRetentionDays).";
    public override string Remediation => "Add an aws_backup_plan with a rule (target_vault_name = the stack's vault, schedule, lifecycle { delete_after = 30 or more }) and an aws_backup_selection whose resources list the DB instance or Aurora cluster ARN (AWS::Backup::BackupPlan and BackupSelection in CloudFormation).";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"];
    protected override string ResourceKind => "RDS DB instance or Aurora cluster";

    protected override Fetched<List<DatabaseUnit>> Resources(EvaluationContext context) => DatabaseUnit.Of(context.Snapshot);

    protected override string ResourceId(DatabaseUnit resource) => resource.Arn;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) =>
    [
        Fact.Of(context.Snapshot.DBInstances), Fact.Of(context.Snapshot.DBClusters),
        Fact.Of(context.Snapshot.BackupPlans), Fact.Of(context.Snapshot.ProtectedResources),
    ];

    protected override Finding Judge(EvaluationContext context, DatabaseUnit db)
    {
        var minimum = context.Policy.MinBackupRetentionDays;
        var rules = BackupCoverage.RulesFor(context.Snapshot, db.Arn, db.Cluster?.TagList ?? db.Instance!.TagList);
        var lastBackup = context.Snapshot.ProtectedResources.Value!.FirstOrDefault(r => r.ResourceArn == db.Arn);
        var evidence = Evidence.Of(
            ("backupRules", rules.Select(r => r.ToString())),
            ("policyMinimumDays", minimum),
            ("LastBackupTime", lastBackup?.LastBackupTime),
            ("LastBackupVaultArn", lastBackup?.LastBackupVaultArn));
        if (rules.Count == 0)
        {
            return Fail(context, db.Arn, $"AWS Backup: no backup plan's selection assigns {db.Name}.", evidence);
        }

        var longest = rules.OrderByDescending(r => r.RetentionDays ?? long.MaxValue).First();
        return longest.Keeps(minimum)
            ? Pass(context, db.Arn, $"AWS Backup plan {longest.PlanName} backs up {db.Name} into vault {longest.Rule.TargetBackupVaultName} and keeps recovery points {(longest.RetentionDays is { } d ? $"{d} days" : "until deleted")} (policy minimum {minimum}).", evidence)
            : Fail(context, db.Arn, $"AWS Backup keeps recovery points of {db.Name} only {longest.RetentionDays} days (plan {longest.PlanName}, rule {longest.Rule.RuleName}); the policy minimum is {minimum}.", evidence);
    }
}
