using Verification.Probes.Aws.Model;
using Verification.Probes.Outputs;

namespace Verification.Probes.Collection;

/// <summary>The stack's Redis replication groups and their nodes.</summary>
internal sealed record CachePart(
    Fetched<List<ReplicationGroup>> Groups,
    Fetched<List<CacheCluster>> Clusters,
    Fetched<List<CacheSubnetGroup>> SubnetGroups,
    List<ScopedResource> Scope,
    ScopeGap? Gap);

/// <summary>Lists the account's ElastiCache resources and keeps the stack's.</summary>
internal static class CacheCollector
{
    public static async Task<CachePart> CollectAsync(AwsQuestions aws, StackOutputs outputs, CancellationToken ct)
    {
        var groupsTask = aws.Ask("elasticache:DescribeReplicationGroups", () => aws.ElastiCache.DescribeReplicationGroupsAsync(ct));
        var clustersTask = aws.Ask("elasticache:DescribeCacheClusters", () => aws.ElastiCache.DescribeCacheClustersAsync(ct));
        var subnetGroupsTask = aws.Ask("elasticache:DescribeCacheSubnetGroups", () => aws.ElastiCache.DescribeCacheSubnetGroupsAsync(ct));
        var groups = await groupsTask.ConfigureAwait(false);
        var clusters = await clustersTask.ConfigureAwait(false);
        var subnetGroups = await subnetGroupsTask.ConfigureAwait(false);

        // A group is in the VPC through its nodes' subnet groups: without either list, groups in the VPC that the output does not name would drop out.
        var gap = (subnetGroups.Error ?? clusters.Error) is { } error ? new ScopeGap("which ElastiCache replication groups are in the stack VPC", error) : null;
        var (kept, keptClusters) = StackScope.Caches(outputs, groups.Value ?? [], clusters.Value ?? [], subnetGroups.Value ?? []);
        return new CachePart(
            Answers.Unless(groups.Error is null ? Fetched<List<ReplicationGroup>>.Of(kept.Items) : groups, gap),
            Answers.Unless(clusters.Error is null ? Fetched<List<CacheCluster>>.Of(keptClusters) : clusters, gap),
            subnetGroups,
            gap is null ? kept.Scope : [],
            gap);
    }
}
