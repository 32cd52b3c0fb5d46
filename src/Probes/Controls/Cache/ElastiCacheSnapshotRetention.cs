using Verification.Probes.Aws.Model;

namespace Verification.Probes.Controls.Cache;

/// <summary>Redis keeps automatic snapshots for at least the policy's days.</summary>
public sealed class ElastiCacheSnapshotRetention : ReplicationGroupControl
{
    public override string Title => "ElastiCache Redis keeps automatic snapshots for at least the policy's retention period";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "After a flush, a bad deploy or a lost node the cache cannot be restored, so sessions and any state kept only in Redis are gone. The minimum is the organisation's policy (default 7 days, runsettings MinSnapshotRetentionDays).";
    public override string Remediation => "Set snapshot_retention_limit (SnapshotRetentionLimit) to at least the policy minimum, with a snapshot_window (SnapshotWindow) outside peak hours.";

    // The database's backups are the ePHI's exact retrievable copies (164.308(a)(7)(ii)(A)); a cache holds derived data, so this is operational.
    public override IReadOnlyList<string> Hipaa => [];

    protected override Finding Judge(EvaluationContext context, ReplicationGroup group)
    {
        var minimum = context.Policy.MinSnapshotRetentionDays;
        var evidence = Evidence.Of(("SnapshotRetentionLimit", group.SnapshotRetentionLimit), ("policyMinimumDays", minimum));
        var id = ResourceId(group);
        if (group.SnapshotRetentionLimit is not { } days)
        {
            return Unreported(context, id, $"ElastiCache replication group {group.ReplicationGroupId}", "SnapshotRetentionLimit");
        }

        return days >= minimum
            ? Pass(context, id, $"ElastiCache replication group {group.ReplicationGroupId} keeps automatic snapshots {days} days (policy minimum {minimum}).", evidence)
            : Fail(context, id, $"ElastiCache replication group {group.ReplicationGroupId} keeps automatic snapshots only {days} days; the policy minimum is {minimum}.", evidence);
    }
}
