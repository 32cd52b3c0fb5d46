using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Database;

/// <summary>
/// The unit that owns a database's settings (storage encryption, backups, subnets, version, parameters, deletion
/// protection, Multi-AZ, log exports): a standalone RDS instance, or an Aurora cluster, whose member instances take these
/// from the cluster, so judging members too would count one fact twice.
/// </summary>
/// <param name="SubnetIds">The subnets of its DB subnet group (a cluster's group is looked up in DBSubnetGroups).</param>
/// <param name="ScopeReason">Why the unit belongs to the stack, as the scope recorded it.</param>
public sealed record DatabaseUnit(string Kind, string Identifier, string Arn, string? Engine, string? EngineVersion, DBInstance? Instance, DBCluster? Cluster, List<string> SubnetIds, string? ScopeReason)
{
    /// <summary>Whether storage is encrypted; null when AWS did not say.</summary>
    public bool? StorageEncrypted => Cluster is { } cluster ? cluster.StorageEncrypted : Instance!.StorageEncrypted;

    public string? KmsKeyId => Cluster is { } cluster ? cluster.KmsKeyId : Instance!.KmsKeyId;

    /// <summary>Days of automated backups; null when AWS did not say.</summary>
    public int? BackupRetentionPeriod => Cluster is { } cluster ? cluster.BackupRetentionPeriod : Instance!.BackupRetentionPeriod;

    /// <summary>Whether deletion protection is on (the cluster's for Aurora; a member's own flag does not protect the cluster); null when AWS did not say.</summary>
    public bool? DeletionProtection => Cluster is { } cluster ? cluster.DeletionProtection : Instance!.DeletionProtection;

    /// <summary>Whether the unit spans Availability Zones; null when AWS did not say.</summary>
    public bool? MultiAZ => Cluster is { } cluster ? cluster.MultiAZ : Instance!.MultiAZ;

    public List<string> EnabledCloudwatchLogsExports => Cluster?.EnabledCloudwatchLogsExports ?? Instance!.EnabledCloudwatchLogsExports;

    /// <summary>"RDS DB instance healthcare-db-dev" / "Aurora cluster healthcare-aurora-dev".</summary>
    public string Name => $"{Kind} {Identifier}";

    /// <summary>Standalone instances and clusters in scope; read only by controls that declare <see cref="Facts"/>.</summary>
    public static Fetched<List<DatabaseUnit>> Of(StackSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var reasons = snapshot.Scope.ToDictionary(s => s.Id, s => s.Reason, StringComparer.Ordinal);
        var subnetGroups = snapshot.DBSubnetGroups.Value ?? [];
        var instances = (snapshot.DBInstances.Value ?? []).Where(i => i.DBClusterIdentifier is null).Select(i => new DatabaseUnit(
            "RDS DB instance", i.DBInstanceIdentifier, i.DBInstanceArn ?? i.DBInstanceIdentifier, i.Engine, i.EngineVersion, i, null,
            [.. i.DBSubnetGroup?.Subnets.Select(s => s.SubnetIdentifier) ?? []], reasons.GetValueOrDefault(i.DBInstanceArn ?? i.DBInstanceIdentifier)));
        var clusters = (snapshot.DBClusters.Value ?? []).Select(c => new DatabaseUnit(
            "Aurora cluster", c.DBClusterIdentifier, c.DBClusterArn ?? c.DBClusterIdentifier, c.Engine, c.EngineVersion, null, c,
            [.. subnetGroups.FirstOrDefault(g => g.DBSubnetGroupName == c.DBSubnetGroup)?.Subnets.Select(s => s.SubnetIdentifier) ?? []],
            reasons.GetValueOrDefault(c.DBClusterArn ?? c.DBClusterIdentifier)));
        return Fetched<List<DatabaseUnit>>.Of([.. instances, .. clusters]);
    }

    /// <summary>The answers a unit is built from; a cluster's subnets come from DBSubnetGroups.</summary>
    public static IEnumerable<Fact> Facts(StackSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return [Fact.Of(snapshot.DBInstances), Fact.Of(snapshot.DBClusters), Fact.Of(snapshot.DBSubnetGroups)];
    }
}

/// <summary>A ResourceControl over <see cref="DatabaseUnit"/>s.</summary>
public abstract class DatabaseUnitControl : ResourceControl<DatabaseUnit>
{
    public override string Area => "Database";
    public override string Service => "RDS";
    protected override string ResourceKind => "RDS DB instance or Aurora cluster";

    protected override Fetched<List<DatabaseUnit>> Resources(EvaluationContext context) => DatabaseUnit.Of(context.Snapshot);

    protected override string ResourceId(DatabaseUnit resource) => resource.Arn;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => DatabaseUnit.Facts(context.Snapshot);
}
