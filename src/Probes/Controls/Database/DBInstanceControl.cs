using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Database;

/// <summary>A control judged on every RDS DB instance in scope, Aurora members included (settings AWS keeps per instance).</summary>
public abstract class DBInstanceControl : ResourceControl<DBInstance>
{
    public override string Service => "RDS";

    protected override string ResourceKind => "RDS DB instance";

    protected override Fetched<List<DBInstance>> Resources(EvaluationContext context) => context.Snapshot.DBInstances;

    protected override string ResourceId(DBInstance resource) => resource.DBInstanceArn ?? resource.DBInstanceIdentifier;
}
