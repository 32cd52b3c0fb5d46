using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Database;

/// <summary>
/// The database refuses unencrypted connections. Aurora PostgreSQL takes rds.force_ssl from the cluster parameter group;
/// reading the instance group there gives the well-known false failure, so each unit is read from the group that governs it.
/// </summary>
public sealed class RdsForceSslEnabled : DatabaseUnitControl
{
    public override string Title => "RDS and Aurora refuse connections that are not encrypted with TLS";
    public override Severity Severity => Severity.Critical;
    public override string Risk => "Clients may connect without TLS, sending credentials and ePHI query results in clear text across the VPC.";

    public override string Remediation => "Set rds.force_ssl = 1 (PostgreSQL) or require_secure_transport = 1 (MySQL) in the parameter group that governs the database: the DB parameter group (aws.rds.ParameterGroup / aws_db_parameter_group / AWS::RDS::DBParameterGroup) for an instance, the cluster parameter group (aws.rds.ClusterParameterGroup / aws_rds_cluster_parameter_group / AWS::RDS::DBClusterParameterGroup) for Aurora.";

    public override IReadOnlyList<string> Hipaa => ["164.312(e)(1)", "164.312(e)(2)(ii)"];

    protected override Finding Judge(EvaluationContext context, DatabaseUnit db)
    {
        var name = db.Engine is { } engine && (engine.Contains("mysql", StringComparison.Ordinal) || engine == "mariadb") ? "require_secure_transport" : "rds.force_ssl";
        var (group, kind, parameters) = db.Cluster is { } cluster
            ? (cluster.DBClusterParameterGroup, "cluster parameter group", Lookup(context.Snapshot.DBClusterParameters, cluster.DBClusterParameterGroup))
            : (db.Instance!.DBParameterGroups.FirstOrDefault()?.DBParameterGroupName, "parameter group", Lookup(context.Snapshot.DBParameters, db.Instance.DBParameterGroups.FirstOrDefault()?.DBParameterGroupName));
        if (parameters?.Error is { } error)
        {
            return Error(context, db.Arn, error);
        }

        var value = parameters?.Value?.FirstOrDefault(p => p.ParameterName == name)?.ParameterValue;
        var evidence = Evidence.Of((kind, group), (name, value), ("engine", db.Engine));
        if (group is null || parameters is null)
        {
            return Error(context, db.Arn, $"{db.Name} reports no {kind} whose parameters were collected.");
        }

        return value is "1" or "ON" or "on"
            ? Pass(context, db.Arn, $"{db.Name} requires TLS ({name} = {value} in {kind} {group}).", evidence)
            : Fail(context, db.Arn, $"{db.Name} accepts unencrypted connections ({name} is {value ?? "not set"} in {kind} {group}).", evidence);
    }

    private static Fetched<List<Parameter>>? Lookup(Dictionary<string, Fetched<List<Parameter>>> groups, string? name) =>
        name is not null && groups.TryGetValue(name, out var parameters) ? parameters : null;
}
