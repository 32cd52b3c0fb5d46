using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Cache;

/// <summary>A ResourceControl over the stack's ElastiCache replication groups.</summary>
public abstract class ReplicationGroupControl : ResourceControl<ReplicationGroup>
{
    public override string Area => "Cache";
    public override string Service => "ElastiCache";
    protected override string ResourceKind => "ElastiCache replication group";

    protected override Fetched<List<ReplicationGroup>> Resources(EvaluationContext context) => context.Snapshot.ReplicationGroups;

    protected override string ResourceId(ReplicationGroup resource) => resource.ARN ?? resource.ReplicationGroupId;
}
