namespace Verification.Probes.Controls.StateBucket;

/// <summary>
/// When the policy asks for it (StateBucketRequiresStackKey), the state bucket's default encryption is SSE-KMS under the
/// stack's own key, so the key policy, not only S3 permissions, gates who can read the state. Off by default: many
/// teams keep the state bucket outside the stack it describes, with its own key. Peers: AWS Config
/// <c>s3-default-encryption-kms</c> (in the HIPAA conformance pack, any KMS key) and Prowler <c>s3_bucket_kms_encryption</c>
/// (not in its HIPAA mapping); StateBucketEncrypted already requires some default encryption.
/// </summary>
public sealed class StateBucketEncryptedWithStackKey : Control
{
    public override string Title => "The IaC state bucket is encrypted with the stack's KMS key when the policy requires it";
    public override string Area => "State bucket";
    public override string Service => "S3";
    public override Severity Severity => Severity.High;
    public override string Risk => "With S3 managed keys or aws/s3, anyone allowed s3:GetObject on the bucket reads the database password in the state; the stack key's policy and its CloudTrail decrypt records play no part.";
    public override string Remediation => "Set aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = \"aws:kms\" and kms_master_key_id = the kms_key_arn output (BucketEncryption with SSEAlgorithm aws:kms and KMSMasterKeyID in CloudFormation), bucket_key_enabled = true.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(2)(iv)"];

    protected override IEnumerable<Fact> Facts(EvaluationContext context) =>
        context.Policy.StateBucketRequiresStackKey && context.Snapshot.StateBucket is { } bucket ? [Fact.Of(bucket.Encryption)] : [];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        if (context.Snapshot.StateBucket is not { } bucket)
        {
            return [NotApplicable(context, "state bucket", "No state bucket is named by the outputs (state_bucket) or the settings (StateBucket).")];
        }

        if (!context.Policy.StateBucketRequiresStackKey)
        {
            return [NotApplicable(context, bucket.Arn, "The policy does not require the state bucket to use the stack key (StateBucketRequiresStackKey is false); StateBucketEncrypted checks its default encryption.")];
        }

        var rules = bucket.Encryption.Value!;
        var withStackKey = rules.FirstOrDefault(r => r.SSEAlgorithm.StartsWith("aws:kms", StringComparison.Ordinal) && context.Key.IsStackKey(r.KMSMasterKeyID));
        var evidence = Evidence.Of(
            ("SSEAlgorithm", rules.Select(r => r.SSEAlgorithm)),
            ("KMSMasterKeyID", rules.Select(r => r.KMSMasterKeyID ?? "(none)")),
            ("stackKeyId", context.Key.KeyId));
        return withStackKey is not null
            ? [Pass(context, bucket.Arn, $"S3 bucket {bucket.Name} encrypts new objects with {withStackKey.SSEAlgorithm} under the stack key {context.Key.KeyId}.", evidence)]
            : [Fail(context, bucket.Arn, $"S3 bucket {bucket.Name} does not encrypt new objects with the stack key {context.Key.KeyId} ({(rules.Count == 0 ? "no default encryption" : string.Join(", ", rules.Select(r => $"{r.SSEAlgorithm} {r.KMSMasterKeyID ?? "with the AWS managed key"}")))}).", evidence)];
    }
}
