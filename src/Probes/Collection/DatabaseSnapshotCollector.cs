using Verification.Probes.Aws.Model;

namespace Verification.Probes.Collection;

/// <summary>The snapshots of the stack's databases and who may restore the manual ones.</summary>
internal sealed record DatabaseSnapshotPart(
    Fetched<List<DBSnapshot>> Snapshots,
    Fetched<List<DBClusterSnapshot>> ClusterSnapshots,
    Dictionary<string, Fetched<List<DBSnapshotAttribute>>> Attributes);

/// <summary>Asks for the snapshots of each stack instance (outside a cluster) and cluster, then the attributes of the manual ones.</summary>
internal static class DatabaseSnapshotCollector
{
    public static async Task<DatabaseSnapshotPart> CollectAsync(AwsQuestions aws, Fetched<List<DBInstance>> stackInstances, Fetched<List<DBCluster>> stackClusters, CancellationToken ct)
    {
        // An Aurora member instance has no snapshots of its own: its cluster's are asked instead.
        var instances = stackInstances.Value?.Where(i => i.DBClusterIdentifier is null).Select(i => i.DBInstanceIdentifier).ToList();
        var clusters = stackClusters.Value?.Select(c => c.DBClusterIdentifier).ToList();
        var snapshotsTask = Join(instances, stackInstances.Error, id => aws.Ask($"rds:DescribeDBSnapshots:{id}", () => aws.Rds.DescribeDBSnapshotsAsync(id, ct)));
        var clusterSnapshotsTask = Join(clusters, stackClusters.Error, id => aws.Ask($"rds:DescribeDBClusterSnapshots:{id}", () => aws.Rds.DescribeDBClusterSnapshotsAsync(id, ct)));
        var snapshots = await snapshotsTask.ConfigureAwait(false);
        var clusterSnapshots = await clusterSnapshotsTask.ConfigureAwait(false);

        // Automated snapshots cannot be shared, so only manual ones have a restore attribute to read.
        var manual = (snapshots.Value ?? []).Where(s => s.SnapshotType == "manual" && s.DBSnapshotArn is not null)
            .Select(s => (Arn: s.DBSnapshotArn!, Ask: aws.Ask($"rds:DescribeDBSnapshotAttributes:{s.DBSnapshotIdentifier}", () => aws.Rds.DescribeDBSnapshotAttributesAsync(s.DBSnapshotIdentifier, ct))))
            .Concat((clusterSnapshots.Value ?? []).Where(s => s.SnapshotType == "manual" && s.DBClusterSnapshotArn is not null)
            .Select(s => (Arn: s.DBClusterSnapshotArn!, Ask: aws.Ask($"rds:DescribeDBClusterSnapshotAttributes:{s.DBClusterSnapshotIdentifier}", () => aws.Rds.DescribeDBClusterSnapshotAttributesAsync(s.DBClusterSnapshotIdentifier, ct)))))
            .ToList();
        await Task.WhenAll(manual.Select(m => m.Ask)).ConfigureAwait(false);
        return new(snapshots, clusterSnapshots, manual.DistinctBy(m => m.Arn).ToDictionary(m => m.Arn, m => m.Ask.Result, StringComparer.Ordinal));
    }

    // The databases' own list failed: their snapshots are unknown too, never "none".
    private static async Task<Fetched<List<T>>> Join<T>(List<string>? ids, CollectionError? error, Func<string, Task<Fetched<List<T>>>> ask) =>
        ids is null ? Fetched<List<T>>.Failed(error!) : Answers.Join(await Task.WhenAll(ids.Select(ask)).ConfigureAwait(false));
}
