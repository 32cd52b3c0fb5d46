using Verification.Probes.Collection;

namespace Verification.Probes.Controls;

/// <summary>
/// The unit that owns storage settings: a standalone RDS instance, or an Aurora cluster (whose member instances
/// inherit encryption and backups from it, so judging members too would count one fact twice).
/// </summary>
public sealed record DatabaseStorage(string Kind, string Identifier, string Arn, bool? StorageEncrypted, string? KmsKeyId, int? BackupRetentionPeriod, List<string> SubnetIds, string? ScopeReason)
{
    /// <summary>Standalone instances and clusters in scope; read only by controls that declare <see cref="Facts"/>.</summary>
    public static Fetched<List<DatabaseStorage>> Of(StackSnapshot snapshot)
    {
        var reasons = snapshot.Scope.ToDictionary(s => s.Id, s => s.Reason, StringComparer.Ordinal);
        var subnetGroups = snapshot.DBSubnetGroups.Value ?? [];
        var instances = (snapshot.DBInstances.Value ?? [])
            .Where(i => i.DBClusterIdentifier is null)
            .Select(i => new DatabaseStorage("DB instance", i.DBInstanceIdentifier, i.DBInstanceArn ?? i.DBInstanceIdentifier, i.StorageEncrypted, i.KmsKeyId,
                i.BackupRetentionPeriod, [.. i.DBSubnetGroup?.Subnets.Select(s => s.SubnetIdentifier) ?? []], reasons.GetValueOrDefault(i.DBInstanceArn ?? i.DBInstanceIdentifier)));
        var clusters = (snapshot.DBClusters.Value ?? [])
            .Select(c => new DatabaseStorage("Aurora cluster", c.DBClusterIdentifier, c.DBClusterArn ?? c.DBClusterIdentifier, c.StorageEncrypted, c.KmsKeyId,
                c.BackupRetentionPeriod, [.. subnetGroups.FirstOrDefault(g => g.DBSubnetGroupName == c.DBSubnetGroup)?.Subnets.Select(s => s.SubnetIdentifier) ?? []],
                reasons.GetValueOrDefault(c.DBClusterArn ?? c.DBClusterIdentifier)));
        return Fetched<List<DatabaseStorage>>.Of([.. instances, .. clusters]);
    }

    /// <summary>The answers a storage unit is built from; a cluster's subnets come from DBSubnetGroups.</summary>
    public static IEnumerable<Fact> Facts(StackSnapshot snapshot) =>
        [Fact.Of(snapshot.DBInstances), Fact.Of(snapshot.DBClusters), Fact.Of(snapshot.DBSubnetGroups)];
}
