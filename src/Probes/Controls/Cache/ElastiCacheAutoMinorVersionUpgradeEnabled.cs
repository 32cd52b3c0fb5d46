using Verification.Probes.Aws.Model;

namespace Verification.Probes.Controls.Cache;

/// <summary>
/// Each replication group takes minor engine versions automatically. Peers: Prowler
/// <c>elasticache_redis_cluster_auto_minor_version_upgrades</c>, AWS Config <c>elasticache-auto-minor-version-upgrade-check</c>,
/// Steampipe <c>elasticache_cluster_auto_minor_version_upgrade_enabled</c>; none of their HIPAA mappings list it, so it is
/// cited as its RDS peer is (164.308(a)(5)(ii)(A)).
/// </summary>
public sealed class ElastiCacheAutoMinorVersionUpgradeEnabled : ReplicationGroupControl
{
    public override string Title => "ElastiCache Redis upgrades minor engine versions automatically";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "Security fixes in Redis minor releases are never applied until someone upgrades by hand; known vulnerabilities stay open on the cache holding sessions.";
    public override string Remediation => "Set auto_minor_version_upgrade = true (AutoMinorVersionUpgrade: true) on the replication group (aws_elasticache_replication_group / aws.elasticache.ReplicationGroup).";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(5)(ii)(A)"];

    protected override Finding Judge(EvaluationContext context, ReplicationGroup group)
    {
        var evidence = Evidence.Of(("AutoMinorVersionUpgrade", group.AutoMinorVersionUpgrade));
        var id = ResourceId(group);
        var name = $"ElastiCache replication group {group.ReplicationGroupId}";
        return group.AutoMinorVersionUpgrade switch
        {
            null => Unreported(context, id, name, "AutoMinorVersionUpgrade"),
            true => Pass(context, id, $"{name} upgrades minor engine versions automatically.", evidence),
            false => Fail(context, id, $"{name} does not upgrade minor engine versions automatically.", evidence),
        };
    }
}
