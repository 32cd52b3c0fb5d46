using Verification.Probes.Aws.Model;

namespace Verification.Probes.Controls.Cache;

/// <summary>Redis accepts TLS connections only: transit encryption on, in mode "required" (not "preferred", which still accepts plaintext).</summary>
public sealed class ElastiCacheTransitEncryptionRequired : ReplicationGroupControl
{
    public override string Title => "ElastiCache Redis accepts only TLS connections";
    public override Severity Severity => Severity.Critical;
    public override string Risk => "Without transit encryption, or in mode \"preferred\" (the migration mode), clients can talk to Redis in clear text, exposing cached ePHI, session tokens and the AUTH token on the network.";
    public override string Remediation => "Set transit_encryption_enabled = true and transit_encryption_mode = \"required\" (TransitEncryptionEnabled / TransitEncryptionMode) on the replication group; move clients to TLS (rediss://) before switching from preferred to required.";
    public override IReadOnlyList<string> Hipaa => ["164.312(e)(1)", "164.312(e)(2)(ii)"];

    protected override Finding Judge(EvaluationContext context, ReplicationGroup group)
    {
        // The node type is evidence, not a control: ARM (t4g/m7g/r7g) nodes need nothing of clients, but readers ask.
        var evidence = Evidence.Of(("TransitEncryptionEnabled", group.TransitEncryptionEnabled), ("TransitEncryptionMode", group.TransitEncryptionMode ?? "absent"),
            ("Engine", group.Engine), ("CacheNodeType", group.CacheNodeType));
        var id = ResourceId(group);
        if (group.TransitEncryptionEnabled != true)
        {
            return Fail(context, id, $"ElastiCache replication group {group.ReplicationGroupId} does not encrypt connections in transit.", evidence);
        }

        // Without a mode AWS has not said whether plaintext is still accepted ("preferred"), so it cannot pass.
        if (group.TransitEncryptionMode is null)
        {
            return Unreported(context, id, $"ElastiCache replication group {group.ReplicationGroupId}", "TransitEncryptionMode");
        }

        return group.TransitEncryptionMode is "required"
            ? Pass(context, id, $"ElastiCache replication group {group.ReplicationGroupId} accepts only TLS connections.", evidence)
            : Fail(context, id, $"ElastiCache replication group {group.ReplicationGroupId} still accepts plaintext connections (TransitEncryptionMode is {group.TransitEncryptionMode}).", evidence);
    }
}
