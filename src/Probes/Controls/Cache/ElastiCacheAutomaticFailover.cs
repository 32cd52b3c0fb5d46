using Verification.Probes.Aws.Model;

namespace Verification.Probes.Controls.Cache;

/// <summary>Redis fails over automatically to a replica in another Availability Zone.</summary>
public sealed class ElastiCacheAutomaticFailover : ReplicationGroupControl
{
    public override string Title => "ElastiCache Redis fails over automatically across Availability Zones";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "When the primary node or its Availability Zone fails, the cache stays down until someone promotes a replica, and the application loses its sessions meanwhile.";
    public override string Remediation => "Set automatic_failover_enabled = true and multi_az_enabled = true (AutomaticFailoverEnabled / MultiAZEnabled) with at least one replica (num_cache_clusters >= 2 / NumCacheClusters) in another subnet's AZ.";

    // Keeps the system running during an AZ outage: emergency-mode operation of the contingency plan.
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(7)(ii)(C)"];

    protected override Finding Judge(EvaluationContext context, ReplicationGroup group)
    {
        var evidence = Evidence.Of(("AutomaticFailover", group.AutomaticFailover), ("MultiAZ", group.MultiAZ), ("MemberClusters", group.MemberClusters));
        var id = ResourceId(group);
        return group is { AutomaticFailover: "enabled", MultiAZ: "enabled" }
            ? Pass(context, id, $"ElastiCache replication group {group.ReplicationGroupId} fails over automatically across Availability Zones.", evidence)
            : Fail(context, id, $"ElastiCache replication group {group.ReplicationGroupId} does not fail over automatically across Availability Zones (AutomaticFailover {group.AutomaticFailover ?? "absent"}, MultiAZ {group.MultiAZ ?? "absent"}).", evidence);
    }
}
