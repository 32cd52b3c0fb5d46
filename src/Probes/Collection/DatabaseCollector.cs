using Verification.Probes.Aws.Model;
using Verification.Probes.Outputs;

namespace Verification.Probes.Collection;

/// <summary>The stack's databases and what they reference.</summary>
internal sealed record DatabasePart(
    Fetched<List<DBInstance>> Instances,
    Fetched<List<DBCluster>> Clusters,
    Fetched<List<DBSubnetGroup>> SubnetGroups,
    Dictionary<string, Fetched<List<Parameter>>> Parameters,
    Dictionary<string, Fetched<List<Parameter>>> ClusterParameters,
    Fetched<List<DBEngineVersion>> EngineVersions,
    List<ScopedResource> Scope,
    ScopeGap? Gap)
{
    /// <summary>The snapshots of the scoped databases, asked alongside their parameters.</summary>
    public DatabaseSnapshotPart Snapshots { get; init; } = new(new(), new(), []);
}

/// <summary>Lists the account's databases, keeps the stack's, and asks for their parameters and engine versions.</summary>
internal static class DatabaseCollector
{
    public static async Task<DatabasePart> CollectAsync(AwsQuestions aws, StackOutputs outputs, CancellationToken ct)
    {
        var instancesTask = aws.Ask("rds:DescribeDBInstances", () => aws.Rds.DescribeDBInstancesAsync(ct));
        var clustersTask = aws.Ask("rds:DescribeDBClusters", () => aws.Rds.DescribeDBClustersAsync(ct));
        var subnetGroupsTask = aws.Ask("rds:DescribeDBSubnetGroups", () => aws.Rds.DescribeDBSubnetGroupsAsync(ct));
        var instances = await instancesTask.ConfigureAwait(false);
        var clusters = await clustersTask.ConfigureAwait(false);
        var subnetGroups = await subnetGroupsTask.ConfigureAwait(false);

        // Without the subnet groups a cluster's VPC is unknown: keeping only the named ones would narrow the scope silently.
        var gap = subnetGroups.Error is { } groupError ? new ScopeGap("which RDS and Aurora databases are in the stack VPC", groupError) : null;
        var (keptInstances, keptClusters) = StackScope.Databases(outputs, instances.Value ?? [], clusters.Value ?? [], subnetGroups.Value ?? []);
        var scopedInstances = Answers.Unless(instances.Error is null ? Fetched<List<DBInstance>>.Of(keptInstances.Items) : instances, gap);
        var scopedClusters = Answers.Unless(clusters.Error is null ? Fetched<List<DBCluster>>.Of(keptClusters.Items) : clusters, gap);

        var instanceGroups = (scopedInstances.Value ?? []).SelectMany(i => i.DBParameterGroups.Select(g => g.DBParameterGroupName)).Distinct(StringComparer.Ordinal).ToList();
        var clusterGroups = (scopedClusters.Value ?? []).Select(c => c.DBClusterParameterGroup).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var instanceTasks = instanceGroups.ToDictionary(g => g, g => aws.Ask($"rds:DescribeDBParameters:{g}", () => aws.Rds.DescribeDBParametersAsync(g, ct)), StringComparer.Ordinal);
        var clusterTasks = clusterGroups.ToDictionary(g => g, g => aws.Ask($"rds:DescribeDBClusterParameters:{g}", () => aws.Rds.DescribeDBClusterParametersAsync(g, ct)), StringComparer.Ordinal);
        var engines = (scopedInstances.Value ?? []).Select(i => i.Engine).Concat((scopedClusters.Value ?? []).Select(c => c.Engine)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var snapshots = DatabaseSnapshotCollector.CollectAsync(aws, scopedInstances, scopedClusters, ct);
        var versions = Task.WhenAll(engines.Select(e => aws.Ask($"rds:DescribeDBEngineVersions:{e}", () => aws.Rds.DescribeDBEngineVersionsAsync(e, ct))));
        await Task.WhenAll(instanceTasks.Values.Concat(clusterTasks.Values)).ConfigureAwait(false);

        return new DatabasePart(
            scopedInstances,
            scopedClusters,
            subnetGroups,
            instanceTasks.ToDictionary(p => p.Key, p => p.Value.Result, StringComparer.Ordinal),
            clusterTasks.ToDictionary(p => p.Key, p => p.Value.Result, StringComparer.Ordinal),
            Answers.Join(await versions.ConfigureAwait(false)),
            gap is null ? [.. keptClusters.Scope, .. keptInstances.Scope] : [],
            gap)
        {
            Snapshots = await snapshots.ConfigureAwait(false),
        };
    }
}
