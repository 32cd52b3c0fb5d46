using Verification.Probes.Collection;

using Verification.Probes.Controls.Database;

namespace Verification.Probes.Controls.PrivateAccess;

/// <summary>Stack databases sit only in subnets with no route to an internet gateway.</summary>
public sealed class RdsInPrivateSubnets : ResourceControl<DatabaseUnit>
{
    public override string Title => "RDS and Aurora sit only in subnets with no route to an internet gateway";
    public override string Area => "Private access";
    public override string Service => "RDS";
    public override Severity Severity => Severity.High;
    public override string Risk => "A DB subnet group with a public subnet lets RDS place the database where the internet can route to it.";
    public override string Remediation => "Build the DB subnet group (aws_db_subnet_group / DBSubnetGroup) from the private database subnets only, whose route tables have no 0.0.0.0/0 route to an igw-.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(e)(1)"];
    protected override string ResourceKind => "RDS DB instance or Aurora cluster";

    protected override Fetched<List<DatabaseUnit>> Resources(EvaluationContext context) => DatabaseUnit.Of(context.Snapshot);

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => [.. DatabaseUnit.Facts(context.Snapshot), .. Network.Facts(context.Snapshot)];

    protected override string ResourceId(DatabaseUnit resource) => resource.Arn;

    protected override Finding Judge(EvaluationContext context, DatabaseUnit db) =>
        PrivateSubnets.Judge(this, context, db.Arn, db.Name, db.SubnetIds);
}
