using Verification.Probes.Controls.Cache;

namespace Verification.Probes.Controls.Encryption;

/// <summary>ElastiCache replication groups, standalone cache clusters and serverless caches encrypt data at rest with the stack's KMS key.</summary>
public sealed class ElastiCacheEncryptedAtRestWithStackKey : CacheUnitControl
{
    public override string Title => "ElastiCache Redis is encrypted at rest with the stack's KMS key";
    public override string Area => "Encryption";
    public override Severity Severity => Severity.Critical;
    public override string Risk => "Cached ePHI, snapshots and swap on the cache nodes are readable without the stack key's protection.";
    public override string Remediation => "At-rest encryption is fixed at creation: create a new replication group with at_rest_encryption_enabled = true and kms_key_id = the kms_key_arn output (AtRestEncryptionEnabled/KmsKeyId in CloudFormation), or a serverless cache with kms_key_id, migrate, then delete the old one. A cache cluster outside a replication group cannot use a customer managed key: replace it with a replication group.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(2)(iv)"];

    protected override Finding Judge(EvaluationContext context, CacheUnit unit)
    {
        var stackKey = context.Key.KeyId;
        if (unit.Serverless is { } serverless)
        {
            // A serverless cache is always encrypted at rest; without KmsKeyId it uses the AWS owned key.
            var serverlessEvidence = Evidence.Of(("serverless", true), ("KmsKeyId", serverless.KmsKeyId), ("stackKeyId", stackKey));
            return context.Key.IsStackKey(serverless.KmsKeyId)
                ? Pass(context, unit.Arn, $"{unit.Name} is encrypted at rest with the stack key {stackKey}.", serverlessEvidence)
                : Fail(context, unit.Arn, $"{unit.Name} is encrypted at rest with {serverless.KmsKeyId ?? "the AWS owned key"}, not the stack key {stackKey}.", serverlessEvidence);
        }

        // A cache cluster outside a replication group has no KmsKeyId in the API: it can only use the AWS owned key.
        var (enabled, keyId) = unit.Group is { } g ? (g.AtRestEncryptionEnabled, g.KmsKeyId) : (unit.Cluster!.AtRestEncryptionEnabled, null);
        var evidence = Evidence.Of(("AtRestEncryptionEnabled", enabled), ("KmsKeyId", keyId), ("stackKeyId", stackKey));
        if (enabled != true)
        {
            return Fail(context, unit.Arn, $"{unit.Name} does not encrypt data at rest (AtRestEncryptionEnabled is {Evidence.Format(enabled) ?? "absent"}).", evidence);
        }

        return context.Key.IsStackKey(keyId)
            ? Pass(context, unit.Arn, $"{unit.Name} is encrypted at rest with the stack key {stackKey}.", evidence)
            : Fail(context, unit.Arn, $"{unit.Name} is encrypted at rest with {keyId ?? "the AWS-owned default key"}, not the stack key {stackKey}.", evidence);
    }
}
