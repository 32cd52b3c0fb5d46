using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Database;

/// <summary>
/// The unit that owns engine-level settings (version, parameters, deletion protection, Multi-AZ, log exports):
/// a standalone RDS instance, or an Aurora cluster, whose members take these from the cluster.
/// </summary>
public sealed record DatabaseUnit(string Kind, string Identifier, string Arn, string? Engine, string? EngineVersion, DBInstance? Instance, DBCluster? Cluster)
{
    /// <summary>Whether deletion protection is on (the cluster's for Aurora; a member's own flag does not protect the cluster); null when AWS did not say.</summary>
    public bool? DeletionProtection => Cluster is { } cluster ? cluster.DeletionProtection : Instance!.DeletionProtection;

    /// <summary>Whether the unit spans Availability Zones; null when AWS did not say.</summary>
    public bool? MultiAZ => Cluster is { } cluster ? cluster.MultiAZ : Instance!.MultiAZ;

    public List<string> EnabledCloudwatchLogsExports => Cluster?.EnabledCloudwatchLogsExports ?? Instance!.EnabledCloudwatchLogsExports;

    /// <summary>"RDS DB instance healthcare-db-dev" / "Aurora cluster healthcare-aurora-dev".</summary>
    public string Name => $"{Kind} {Identifier}";

    /// <summary>Standalone instances and clusters in scope; controls declare DBInstances and DBClusters as facts, so both lists are there.</summary>
    public static Fetched<List<DatabaseUnit>> Of(StackSnapshot snapshot)
    {
        var instances = (snapshot.DBInstances.Value ?? []).Where(i => i.DBClusterIdentifier is null)
            .Select(i => new DatabaseUnit("RDS DB instance", i.DBInstanceIdentifier, i.DBInstanceArn ?? i.DBInstanceIdentifier, i.Engine, i.EngineVersion, i, null));
        var clusters = (snapshot.DBClusters.Value ?? [])
            .Select(c => new DatabaseUnit("Aurora cluster", c.DBClusterIdentifier, c.DBClusterArn ?? c.DBClusterIdentifier, c.Engine, c.EngineVersion, null, c));
        return Fetched<List<DatabaseUnit>>.Of([.. instances, .. clusters]);
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

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => [Fact.Of(context.Snapshot.DBInstances), Fact.Of(context.Snapshot.DBClusters)];
}
