using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Networking;

/// <summary>The stack databases' security groups admit the database port only from the ECS tasks' security groups.</summary>
public sealed class DatabaseSecurityGroupAdmitsOnlyApp : ResourceControl<(string GroupId, int Port, string UsedBy)>
{
    public override string Title => "Database security groups admit the PostgreSQL port only from the ECS tasks' security groups";
    public override string Area => "Network";
    public override string Service => "EC2";
    public override Severity Severity => Severity.High;
    public override string Risk => "A CIDR source (even the VPC's 10.0.0.0/16) or another group lets every workload in that range try the ePHI database's password, not just the application.";
    public override string Remediation => "Replace the ingress rules of the DB security group with one rule: tcp 5432 from source_security_group_id = the ECS tasks' security group (aws_security_group_rule / aws_vpc_security_group_ingress_rule with referenced_security_group_id), and no cidr_blocks.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(e)(1)"];
    protected override string ResourceKind => "DB security group";

    protected override Fetched<List<(string GroupId, int Port, string UsedBy)>> Resources(EvaluationContext context)
    {
        var snapshot = context.Snapshot;
        var instances = snapshot.DBInstances.Value!.Where(i => i.DBClusterIdentifier is null)
            .SelectMany(i => i.VpcSecurityGroups.Select(g => (g.VpcSecurityGroupId, i.Endpoint?.Port ?? 5432, $"RDS DB instance {i.DBInstanceIdentifier}")));
        var clusters = snapshot.DBClusters.Value!
            .SelectMany(c => c.VpcSecurityGroups.Select(g => (g.VpcSecurityGroupId, c.Port ?? 5432, $"Aurora cluster {c.DBClusterIdentifier}")));
        return Fetched<List<(string, int, string)>>.Of([.. instances.Concat(clusters).DistinctBy(g => g.VpcSecurityGroupId)]);
    }

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) =>
        [.. Ingress.Facts(context.Snapshot), Fact.Of(context.Snapshot.DBInstances), Fact.Of(context.Snapshot.DBClusters)];

    protected override string ResourceId((string GroupId, int Port, string UsedBy) resource) => resource.GroupId;

    protected override Finding Judge(EvaluationContext context, (string GroupId, int Port, string UsedBy) resource) =>
        Ingress.JudgeDataTier(this, context, resource.GroupId, resource.Port, resource.UsedBy);
}
