using Verification.Probes.Aws.Model;
using Verification.Probes.Outputs;

namespace Verification.Probes.Collection;

/// <summary>The stack's Redis replication groups and their nodes, standalone cache clusters, serverless caches and the RBAC users they accept.</summary>
internal sealed record CachePart(
    Fetched<List<ReplicationGroup>> Groups,
    Fetched<List<CacheCluster>> Clusters,
    Fetched<List<CacheSubnetGroup>> SubnetGroups,
    Fetched<List<ServerlessCache>> Serverless,
    Fetched<List<UserGroup>> UserGroups,
    Fetched<List<User>> Users,
    List<ScopedResource> Scope,
    ScopeGap? Gap);

/// <summary>Lists the account's ElastiCache resources and keeps the stack's.</summary>
internal static class CacheCollector
{
    public static async Task<CachePart> CollectAsync(AwsQuestions aws, StackOutputs outputs, NetworkPart network, CancellationToken ct)
    {
        var groupsTask = aws.Ask("elasticache:DescribeReplicationGroups", () => aws.ElastiCache.DescribeReplicationGroupsAsync(ct));
        var clustersTask = aws.Ask("elasticache:DescribeCacheClusters", () => aws.ElastiCache.DescribeCacheClustersAsync(ct));
        var subnetGroupsTask = aws.Ask("elasticache:DescribeCacheSubnetGroups", () => aws.ElastiCache.DescribeCacheSubnetGroupsAsync(ct));
        var serverlessTask = aws.Ask("elasticache:DescribeServerlessCaches", () => aws.ElastiCache.DescribeServerlessCachesAsync(ct));
        var groups = await groupsTask.ConfigureAwait(false);
        var clusters = await clustersTask.ConfigureAwait(false);
        var subnetGroups = await subnetGroupsTask.ConfigureAwait(false);
        var serverless = await serverlessTask.ConfigureAwait(false);
        var subnets = await network.Subnets.ConfigureAwait(false);

        // A group or standalone cluster is in the VPC through its subnet group, a serverless cache through its subnets: without those lists, caches in the VPC that the output does not name would drop out.
        var gap = (subnetGroups.Error ?? clusters.Error ?? subnets.Error) is { } error ? new ScopeGap("which ElastiCache caches are in the stack VPC", error) : null;
        var (kept, keptClusters, keptServerless) = StackScope.Caches(outputs, groups.Value ?? [], clusters.Value ?? [], subnetGroups.Value ?? [], serverless.Value ?? [], subnets.Value ?? []);
        var scopedGroups = Answers.Unless(groups.Error is null ? Fetched<List<ReplicationGroup>>.Of(kept.Items) : groups, gap);
        var scopedServerless = Answers.Unless(serverless.Error is null ? Fetched<List<ServerlessCache>>.Of(keptServerless.Items) : serverless, gap);
        var (userGroups, users) = await UsersAsync(aws, scopedGroups.Value ?? [], scopedServerless.Value ?? [], ct).ConfigureAwait(false);
        return new CachePart(
            scopedGroups,
            Answers.Unless(clusters.Error is null ? Fetched<List<CacheCluster>>.Of(keptClusters.Items) : clusters, gap),
            subnetGroups,
            scopedServerless,
            userGroups,
            users,
            gap is null ? [.. kept.Scope, .. keptClusters.Scope, .. keptServerless.Scope] : [],
            gap);
    }

    /// <summary>The user groups the stack's caches name and their users; asked only when a cache names a user group.</summary>
    private static async Task<(Fetched<List<UserGroup>>, Fetched<List<User>>)> UsersAsync(AwsQuestions aws, List<ReplicationGroup> groups, List<ServerlessCache> serverless, CancellationToken ct)
    {
        if (!groups.Any(g => g.UserGroupIds.Count > 0) && !serverless.Any(s => s.UserGroupId is not null))
        {
            return (Fetched<List<UserGroup>>.Of([]), Fetched<List<User>>.Of([]));
        }

        var userGroupsTask = aws.Ask("elasticache:DescribeUserGroups", () => aws.ElastiCache.DescribeUserGroupsAsync(ct));
        var usersTask = aws.Ask("elasticache:DescribeUsers", () => aws.ElastiCache.DescribeUsersAsync(ct));
        var userGroups = await userGroupsTask.ConfigureAwait(false);
        var users = await usersTask.ConfigureAwait(false);
        var (keptGroups, keptUsers) = StackScope.CacheUsers(groups, serverless, userGroups.Value ?? [], users.Value ?? []);
        return (userGroups.Error is null ? Fetched<List<UserGroup>>.Of(keptGroups) : userGroups, users.Error is null ? Fetched<List<User>>.Of(keptUsers) : users);
    }
}
