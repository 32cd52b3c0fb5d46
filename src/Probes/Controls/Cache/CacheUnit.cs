using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Cache;

/// <summary>
/// One cache that clients connect to and that holds data: a replication group (its nodes take their settings from it),
/// a cache cluster outside any replication group, or a serverless cache. Exactly one of the three is set.
/// </summary>
public sealed record CacheUnit(string Kind, string Identifier, string Arn, ReplicationGroup? Group, CacheCluster? Cluster, ServerlessCache? Serverless)
{
    /// <summary>"ElastiCache replication group healthcare-redis-dev".</summary>
    public string Name => $"{Kind} {Identifier}";

    /// <summary>The stack's replication groups, standalone cache clusters and serverless caches; the lists are declared facts, so all are there.</summary>
    public static Fetched<List<CacheUnit>> Of(StackSnapshot snapshot)
    {
        var groups = (snapshot.ReplicationGroups.Value ?? [])
            .Select(g => new CacheUnit("ElastiCache replication group", g.ReplicationGroupId, g.ARN ?? g.ReplicationGroupId, g, null, null));
        var standalone = (snapshot.CacheClusters.Value ?? []).Where(c => c.ReplicationGroupId is null)
            .Select(c => new CacheUnit("ElastiCache cache cluster", c.CacheClusterId, c.ARN ?? c.CacheClusterId, null, c, null));
        var serverless = (snapshot.ServerlessCaches.Value ?? [])
            .Select(s => new CacheUnit("ElastiCache serverless cache", s.ServerlessCacheName, s.ARN ?? s.ServerlessCacheName, null, null, s));
        return Fetched<List<CacheUnit>>.Of([.. groups, .. standalone, .. serverless]);
    }
}

/// <summary>A ResourceControl over <see cref="CacheUnit"/>s.</summary>
public abstract class CacheUnitControl : ResourceControl<CacheUnit>
{
    public override string Service => "ElastiCache";
    protected override string ResourceKind => "ElastiCache replication group, cache cluster or serverless cache";

    protected override Fetched<List<CacheUnit>> Resources(EvaluationContext context) => CacheUnit.Of(context.Snapshot);

    protected override string ResourceId(CacheUnit resource) => resource.Arn;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) =>
        [Fact.Of(context.Snapshot.ReplicationGroups), Fact.Of(context.Snapshot.CacheClusters), Fact.Of(context.Snapshot.ServerlessCaches)];
}
