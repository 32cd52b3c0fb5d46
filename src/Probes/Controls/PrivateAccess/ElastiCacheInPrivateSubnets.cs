using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.PrivateAccess;

/// <summary>The stack's Redis nodes sit only in subnets with no route to an internet gateway.</summary>
public sealed class ElastiCacheInPrivateSubnets : ResourceControl<ReplicationGroup>
{
    public override string Title => "ElastiCache Redis sits only in subnets with no route to an internet gateway";
    public override string Area => "Private access";
    public override string Service => "ElastiCache";
    public override Severity Severity => Severity.High;
    public override string Risk => "Cache nodes in a public subnet are one security-group rule away from serving cached ePHI to the internet.";
    public override string Remediation => "Build the cache subnet group (aws_elasticache_subnet_group) from private subnets only.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(e)(1)"];
    protected override string ResourceKind => "ElastiCache replication group";

    protected override Fetched<List<ReplicationGroup>> Resources(EvaluationContext context) => context.Snapshot.ReplicationGroups;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) =>
        [.. Network.Facts(context.Snapshot), Fact.Of(context.Snapshot.CacheClusters), Fact.Of(context.Snapshot.CacheSubnetGroups)];

    protected override string ResourceId(ReplicationGroup resource) => resource.ARN ?? resource.ReplicationGroupId;

    protected override Finding Judge(EvaluationContext context, ReplicationGroup group)
    {
        var snapshot = context.Snapshot;
        var groupNames = snapshot.CacheClusters.Value!
            .Where(c => c.ReplicationGroupId == group.ReplicationGroupId)
            .Select(c => c.CacheSubnetGroupName)
            .ToHashSet(StringComparer.Ordinal);
        var subnets = snapshot.CacheSubnetGroups.Value!
            .Where(g => groupNames.Contains(g.CacheSubnetGroupName))
            .SelectMany(g => g.Subnets.Select(s => s.SubnetIdentifier))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return PrivateSubnets.Judge(this, context, ResourceId(group), $"ElastiCache replication group {group.ReplicationGroupId}", subnets);
    }
}
