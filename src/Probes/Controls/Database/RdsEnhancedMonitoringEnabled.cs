using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Database;

/// <summary>
/// Every DB instance, Aurora members included (Enhanced Monitoring is set per instance), reports OS metrics at an interval.
/// Peers: Prowler <c>rds_instance_enhanced_monitoring_enabled</c>, AWS Config <c>rds-enhanced-monitoring-enabled</c>,
/// Steampipe <c>rds_db_instance_and_cluster_enhanced_monitoring_enabled</c>; Steampipe's HIPAA benchmark cites 164.312(b),
/// Prowler's HIPAA mapping does not list it.
/// </summary>
public sealed class RdsEnhancedMonitoringEnabled : DBInstanceControl
{
    public override string Title => "RDS DB instances send Enhanced Monitoring metrics";
    public override string Area => "Database";
    public override Severity Severity => Severity.Low;
    public override string Risk => "Without Enhanced Monitoring the operating-system view of the database host (processes, memory, I/O) is missing when an incident or outage has to be examined.";
    public override string Remediation => "Set monitoring_interval to 1, 5, 10, 15, 30 or 60 (MonitoringInterval) and monitoring_role_arn to a role trusted by monitoring.rds.amazonaws.com with AmazonRDSEnhancedMonitoringRole on every DB instance, Aurora members included.";

    // Records activity of the system holding ePHI: Steampipe's HIPAA benchmark maps it to audit controls.
    public override IReadOnlyList<string> Hipaa => ["164.312(b)"];

    protected override Finding Judge(EvaluationContext context, DBInstance instance)
    {
        var evidence = Evidence.Of(("MonitoringInterval", instance.MonitoringInterval));
        var name = $"RDS DB instance {instance.DBInstanceIdentifier}";
        return instance.MonitoringInterval switch
        {
            null => Unreported(context, ResourceId(instance), name, "MonitoringInterval"),
            > 0 and var seconds => Pass(context, ResourceId(instance), $"{name} sends Enhanced Monitoring metrics every {seconds} seconds.", evidence),
            _ => Fail(context, ResourceId(instance), $"{name} has Enhanced Monitoring off (MonitoringInterval 0).", evidence),
        };
    }
}
