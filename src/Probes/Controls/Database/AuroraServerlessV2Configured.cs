using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Database;

/// <summary>
/// An Aurora Serverless cluster is a well-formed Serverless v2 cluster: EngineMode provisioned (serverless is v1),
/// a v2 scaling configuration within the policy's bounds, and every member of class db.serverless (the seed's mistakes).
/// </summary>
public sealed class AuroraServerlessV2Configured : ResourceControl<DBCluster>
{
    private const double MinimumCapacity = 0.5;

    public override string Title => "Aurora Serverless clusters are Serverless v2 with db.serverless members and capacity within policy";
    public override string Area => "Database";
    public override string Service => "RDS";
    public override Severity Severity => Severity.High;
    public override string Risk => "EngineMode serverless is Aurora Serverless v1, which has reached end of life; a member of a fixed class does not scale; capacity below 0.5 ACU pauses or starves the writer, and a maximum above policy is an unbounded cost.";

    public override string Remediation => "On the cluster (aws.rds.Cluster / aws_rds_cluster / AWS::RDS::DBCluster) set engine_mode = \"provisioned\" and serverlessv2_scaling_configuration { min_capacity >= 0.5, max_capacity <= the policy's MaxServerlessCapacity } (ServerlessV2ScalingConfiguration), and give every cluster instance instance_class = \"db.serverless\" (DBInstanceClass).";

    // Configuration correctness and cost; no Security Rule section applies.
    public override IReadOnlyList<string> Hipaa => [];
    protected override string ResourceKind => "Aurora cluster";

    protected override Fetched<List<DBCluster>> Resources(EvaluationContext context) => context.Snapshot.DBClusters;

    protected override string ResourceId(DBCluster resource) => resource.DBClusterArn ?? resource.DBClusterIdentifier;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => [Fact.Of(context.Snapshot.DBInstances)];

    protected override string? NotApplicableBecause(EvaluationContext context, DBCluster cluster) =>
        cluster.ServerlessV2ScalingConfiguration is not null || cluster.EngineMode == "serverless" || Members(context, cluster).Any(m => m.DBInstanceClass == "db.serverless")
            ? null
            : $"Aurora cluster {cluster.DBClusterIdentifier} is a provisioned cluster with no serverless capacity or member.";

    protected override string? NoneExpectedBecause(EvaluationContext context) => "The stack has no Aurora Serverless cluster (it runs on provisioned RDS).";

    protected override Finding Judge(EvaluationContext context, DBCluster cluster)
    {
        var id = ResourceId(cluster);
        var scaling = cluster.ServerlessV2ScalingConfiguration;
        var max = context.Policy.MaxServerlessCapacity;
        var members = Members(context, cluster);
        var fixedClass = members.Where(m => m.DBInstanceClass != "db.serverless").Select(m => $"{m.DBInstanceIdentifier} ({m.DBInstanceClass})").ToList();
        var problems = new List<string>();
        if (cluster.EngineMode != "provisioned")
        {
            problems.Add($"EngineMode is {cluster.EngineMode ?? "absent"}{(cluster.EngineMode == "serverless" ? " (Serverless v1)" : "")}, not provisioned");
        }

        if (scaling is null)
        {
            problems.Add("it has no ServerlessV2ScalingConfiguration");
        }
        else
        {
            if (scaling.MinCapacity is not { } low || low < MinimumCapacity)
            {
                problems.Add($"MinCapacity {Evidence.Format(scaling.MinCapacity) ?? "absent"} is below {Evidence.Format(MinimumCapacity)} ACU");
            }

            if (scaling.MaxCapacity is not { } high || high > max)
            {
                problems.Add($"MaxCapacity {Evidence.Format(scaling.MaxCapacity) ?? "absent"} is above the policy's {Evidence.Format(max)} ACU");
            }
        }

        if (fixedClass.Count > 0)
        {
            problems.Add($"members {string.Join(", ", fixedClass)} are not db.serverless");
        }

        var evidence = Evidence.Of(("EngineMode", cluster.EngineMode), ("MinCapacity", scaling?.MinCapacity), ("MaxCapacity", scaling?.MaxCapacity), ("policyMaxCapacity", max),
            ("memberClasses", members.Select(m => $"{m.DBInstanceIdentifier}={m.DBInstanceClass}")));
        return problems.Count == 0
            ? Pass(context, id, $"Aurora cluster {cluster.DBClusterIdentifier} is Serverless v2 with {Evidence.Format(scaling!.MinCapacity)}-{Evidence.Format(scaling.MaxCapacity)} ACU and db.serverless members.", evidence)
            : Fail(context, id, $"Aurora cluster {cluster.DBClusterIdentifier} is not a well-formed Serverless v2 cluster: {string.Join("; ", problems)}.", evidence);
    }

    private static List<DBInstance> Members(EvaluationContext context, DBCluster cluster) =>
        [.. (context.Snapshot.DBInstances.Value ?? []).Where(i => i.DBClusterIdentifier == cluster.DBClusterIdentifier)];
}
