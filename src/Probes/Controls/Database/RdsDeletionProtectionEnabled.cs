namespace Verification.Probes.Controls.Database;

/// <summary>Deletion protection is on for each standalone instance and Aurora cluster.</summary>
public sealed class RdsDeletionProtectionEnabled : DatabaseUnitControl
{
    public override string Title => "RDS and Aurora databases have deletion protection enabled";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "One delete call or an IaC replacement (a renamed resource, a destroy) removes the ePHI database; only backups and a final snapshot, if kept, remain.";
    public override string Remediation => "Set deletion_protection = true (DeletionProtection: true) on the DB instance, or on the Aurora cluster (aws.rds.Cluster / aws_rds_cluster), where it protects the members too.";

    // Guards ePHI against improper destruction.
    public override IReadOnlyList<string> Hipaa => ["164.312(c)(1)"];

    protected override Finding Judge(EvaluationContext context, DatabaseUnit db)
    {
        var evidence = Evidence.Of(("DeletionProtection", db.DeletionProtection));
        if (db.DeletionProtection is null)
        {
            return Unreported(context, db.Arn, db.Name, "DeletionProtection");
        }

        return db.DeletionProtection == true
            ? Pass(context, db.Arn, $"{db.Name} has deletion protection enabled.", evidence)
            : Fail(context, db.Arn, $"{db.Name} has deletion protection disabled.", evidence);
    }
}
