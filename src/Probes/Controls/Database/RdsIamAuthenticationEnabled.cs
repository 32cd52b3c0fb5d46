namespace Verification.Probes.Controls.Database;

/// <summary>
/// IAM database authentication is on for each standalone instance and Aurora cluster (the cluster's flag for Aurora).
/// Peers: Prowler <c>rds_instance_iam_authentication_enabled</c>, AWS Config <c>rds-instance-iam-authentication-enabled</c>,
/// Steampipe <c>rds_db_instance_iam_authentication_enabled</c>; Steampipe's HIPAA benchmark cites 164.308(a)(4)(i), while
/// Prowler's HIPAA mapping lists no IAM-authentication check at all.
/// </summary>
public sealed class RdsIamAuthenticationEnabled : DatabaseUnitControl
{
    public override string Title => "RDS and Aurora databases accept IAM database authentication";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "Without IAM authentication every client holds a long-lived database password; access cannot be granted, revoked or audited per IAM principal, and a leaked password works until someone rotates it.";
    public override string Remediation => "Set iam_database_authentication_enabled = true (IAMDatabaseAuthenticationEnabled: true) on the DB instance, or on the Aurora cluster (aws_rds_cluster / aws.rds.Cluster), and grant rds-db:connect to the roles that need it.";

    // Access is authorized per IAM principal (information access management), as Steampipe's HIPAA benchmark maps it.
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(4)(i)"];

    protected override Finding Judge(EvaluationContext context, DatabaseUnit db)
    {
        var enabled = db.Cluster is { } cluster ? cluster.IAMDatabaseAuthenticationEnabled : db.Instance!.IAMDatabaseAuthenticationEnabled;
        var evidence = Evidence.Of(("IAMDatabaseAuthenticationEnabled", enabled));
        return enabled switch
        {
            null => Unreported(context, db.Arn, db.Name, "IAMDatabaseAuthenticationEnabled"),
            true => Pass(context, db.Arn, $"{db.Name} accepts IAM database authentication.", evidence),
            false => Fail(context, db.Arn, $"{db.Name} has IAM database authentication disabled.", evidence),
        };
    }
}
