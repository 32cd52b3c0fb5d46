using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Encryption;

/// <summary>ElastiCache replication groups encrypt data at rest with the stack's KMS key.</summary>
public sealed class ElastiCacheEncryptedAtRestWithStackKey : ResourceControl<ReplicationGroup>
{
    public override string Title => "ElastiCache Redis is encrypted at rest with the stack's KMS key";
    public override string Area => "Encryption";
    public override string Service => "ElastiCache";
    public override Severity Severity => Severity.Critical;
    public override string Risk => "Cached ePHI, snapshots and swap on the cache nodes are readable without the stack key's protection.";
    public override string Remediation => "At-rest encryption is fixed at creation: create a new replication group with at_rest_encryption_enabled = true and kms_key_id = the kms_key_arn output (AtRestEncryptionEnabled/KmsKeyId in CloudFormation), migrate, then delete the old one.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(2)(iv)"];
    protected override string ResourceKind => "ElastiCache replication group";

    protected override Fetched<List<ReplicationGroup>> Resources(EvaluationContext context) => context.Snapshot.ReplicationGroups;

    protected override string ResourceId(ReplicationGroup resource) => resource.ARN ?? resource.ReplicationGroupId;

    protected override Finding Judge(EvaluationContext context, ReplicationGroup group)
    {
        var evidence = Evidence.Of(("AtRestEncryptionEnabled", group.AtRestEncryptionEnabled), ("KmsKeyId", group.KmsKeyId), ("stackKeyId", context.Key.KeyId));
        var id = ResourceId(group);
        if (group.AtRestEncryptionEnabled != true)
        {
            return Fail(context, id, $"ElastiCache replication group {group.ReplicationGroupId} does not encrypt data at rest (AtRestEncryptionEnabled is {Evidence.Format(group.AtRestEncryptionEnabled) ?? "absent"}).", evidence);
        }

        return context.Key.IsStackKey(group.KmsKeyId)
            ? Pass(context, id, $"ElastiCache replication group {group.ReplicationGroupId} is encrypted at rest with the stack key {context.Key.KeyId}.", evidence)
            : Fail(context, id, $"ElastiCache replication group {group.ReplicationGroupId} is encrypted at rest with {group.KmsKeyId ?? "the AWS-owned default key"}, not the stack key {context.Key.KeyId}.", evidence);
    }
}
