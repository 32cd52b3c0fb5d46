using Verification.Probes.Controls.Cache;

namespace Verification.Probes.Controls.PrivateAccess;

/// <summary>The stack's Redis nodes and serverless caches sit only in subnets with no route to an internet gateway.</summary>
public sealed class ElastiCacheInPrivateSubnets : CacheUnitControl
{
    public override string Title => "ElastiCache Redis sits only in subnets with no route to an internet gateway";
    public override string Area => "Private access";
    public override Severity Severity => Severity.High;
    public override string Risk => "Cache nodes in a public subnet are one security-group rule away from serving cached ePHI to the internet.";
    public override string Remediation => "Build the cache subnet group (aws_elasticache_subnet_group), and a serverless cache's subnet_ids, from private subnets only.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(e)(1)"];

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) =>
        [.. base.MoreFacts(context), .. Network.Facts(context.Snapshot), Fact.Of(context.Snapshot.CacheSubnetGroups)];

    protected override Finding Judge(EvaluationContext context, CacheUnit unit)
    {
        var snapshot = context.Snapshot;
        if (unit.Serverless is { } serverless)
        {
            return PrivateSubnets.Judge(this, context, unit.Arn, unit.Name, serverless.SubnetIds);
        }

        var groupNames = unit.Group is { } group
            ? snapshot.CacheClusters.Value!.Where(c => c.ReplicationGroupId == group.ReplicationGroupId).Select(c => c.CacheSubnetGroupName).ToHashSet(StringComparer.Ordinal)
            : [unit.Cluster!.CacheSubnetGroupName];
        var subnets = snapshot.CacheSubnetGroups.Value!
            .Where(g => groupNames.Contains(g.CacheSubnetGroupName))
            .SelectMany(g => g.Subnets.Select(s => s.SubnetIdentifier))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return PrivateSubnets.Judge(this, context, unit.Arn, unit.Name, subnets);
    }
}
