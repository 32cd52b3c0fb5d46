namespace Verification.Probes.Controls.Database;

/// <summary>Each standalone instance is Multi-AZ; each Aurora cluster has instances in more than one AZ (RDS reports both as MultiAZ).</summary>
public sealed class RdsMultiAz : DatabaseUnitControl
{
    public override string Title => "RDS and Aurora databases run in more than one Availability Zone";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "An Availability Zone outage takes the database down until it is restored elsewhere; for Aurora without a reader in another AZ, failover waits for a new instance to be created.";
    public override string Remediation => "Set multi_az = true (MultiAZ: true) on the DB instance; for Aurora add a second cluster instance (aws.rds.ClusterInstance / aws_rds_cluster_instance / AWS::RDS::DBInstance with DBClusterIdentifier) in another availability_zone.";

    // Availability during an emergency supports the contingency plan's emergency-mode operation; it is not required by itself.
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(7)(ii)(C)"];

    protected override Finding Judge(EvaluationContext context, DatabaseUnit db)
    {
        var members = db.Cluster?.DBClusterMembers.Select(m => m.DBInstanceIdentifier);
        var evidence = Evidence.Of(("MultiAZ", db.MultiAZ), ("members", members));
        if (db.MultiAZ is null)
        {
            return Unreported(context, db.Arn, db.Name, "MultiAZ");
        }

        return db.MultiAZ == true
            ? Pass(context, db.Arn, $"{db.Name} runs in more than one Availability Zone.", evidence)
            : Fail(context, db.Arn, $"{db.Name} runs in a single Availability Zone (MultiAZ is false).", evidence);
    }
}
