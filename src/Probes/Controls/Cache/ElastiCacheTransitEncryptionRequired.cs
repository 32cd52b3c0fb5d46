namespace Verification.Probes.Controls.Cache;

/// <summary>Redis accepts TLS connections only: transit encryption on, in mode "required" (not "preferred", which still accepts plaintext).</summary>
public sealed class ElastiCacheTransitEncryptionRequired : CacheUnitControl
{
    public override string Title => "ElastiCache Redis accepts only TLS connections";
    public override string Area => "Cache";
    public override Severity Severity => Severity.Critical;
    public override string Risk => "Without transit encryption, or in mode \"preferred\" (the migration mode), clients can talk to Redis in clear text, exposing cached ePHI, session tokens and the AUTH token on the network.";
    public override string Remediation => "Set transit_encryption_enabled = true and transit_encryption_mode = \"required\" (TransitEncryptionEnabled / TransitEncryptionMode) on the replication group or cache cluster; move clients to TLS (rediss://) before switching from preferred to required.";
    public override IReadOnlyList<string> Hipaa => ["164.312(e)(1)", "164.312(e)(2)(ii)"];

    protected override Finding Judge(EvaluationContext context, CacheUnit unit)
    {
        if (unit.Serverless is { } serverless)
        {
            // ElastiCache Serverless has no plaintext endpoint: every serverless cache encrypts in transit, with no setting to turn it off.
            return Pass(context, unit.Arn, $"{unit.Name} accepts only TLS connections (ElastiCache Serverless always encrypts in transit).",
                Evidence.Of(("serverless", true), ("Engine", serverless.Engine)));
        }

        var (enabled, mode, engine, nodeType) = unit.Group is { } g
            ? (g.TransitEncryptionEnabled, g.TransitEncryptionMode, g.Engine, g.CacheNodeType)
            : (unit.Cluster!.TransitEncryptionEnabled, unit.Cluster.TransitEncryptionMode, unit.Cluster.Engine, unit.Cluster.CacheNodeType);

        // The node type is evidence, not a control: ARM (t4g/m7g/r7g) nodes need nothing of clients, but readers ask.
        var evidence = Evidence.Of(("TransitEncryptionEnabled", enabled), ("TransitEncryptionMode", mode ?? "absent"), ("Engine", engine), ("CacheNodeType", nodeType));
        if (enabled != true)
        {
            return Fail(context, unit.Arn, $"{unit.Name} does not encrypt connections in transit.", evidence);
        }

        // Without a mode AWS has not said whether plaintext is still accepted ("preferred"), so it cannot pass.
        if (mode is null)
        {
            return Unreported(context, unit.Arn, unit.Name, "TransitEncryptionMode");
        }

        return mode is "required"
            ? Pass(context, unit.Arn, $"{unit.Name} accepts only TLS connections.", evidence)
            : Fail(context, unit.Arn, $"{unit.Name} still accepts plaintext connections (TransitEncryptionMode is {mode}).", evidence);
    }
}
