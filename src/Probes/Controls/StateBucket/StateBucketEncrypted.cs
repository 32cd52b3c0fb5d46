namespace Verification.Probes.Controls.StateBucket;

/// <summary>The state bucket encrypts new objects by default.</summary>
public sealed class StateBucketEncrypted : StateBucketControl
{
    public override string Title => "The IaC state bucket has default encryption";
    public override Severity Severity => Severity.High;
    public override string Risk => "The state file holds the generated database password and every output in plain text; without default encryption a state object is stored unencrypted and readable by anyone who reaches the disk, a replica or a copy.";
    public override string Remediation => "Add aws_s3_bucket_server_side_encryption_configuration (BucketEncryption in CloudFormation) with sse_algorithm = \"aws:kms\", kms_master_key_id = a customer managed key and bucket_key_enabled = true.";

    // Encryption at rest of a store holding a credential to ePHI.
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(2)(iv)"];

    protected override Fact Answer(Collection.StateBucket bucket) => Fact.Of(bucket.Encryption);

    protected override Finding Evaluate(EvaluationContext context, Collection.StateBucket bucket)
    {
        var rules = bucket.Encryption.Value ?? [];
        var kms = rules.FirstOrDefault(r => r.SSEAlgorithm.StartsWith("aws:kms", StringComparison.Ordinal));
        var evidence = Evidence.Of(
            ("SSEAlgorithm", rules.Select(r => r.SSEAlgorithm)),
            ("KMSMasterKeyID", kms?.KMSMasterKeyID),
            ("BucketKeyEnabled", kms?.BucketKeyEnabled),
            ("kmsPreferred", rules.Count > 0 && kms is null ? "S3 managed keys (AES256) encrypt the state; a KMS key adds access control and CloudTrail records of each decrypt" : null));
        return (rules.Count, kms) switch
        {
            (0, _) => Fail(context, bucket.Arn, $"S3 bucket {bucket.Name} has no default encryption configured.", evidence),
            (_, not null) => Pass(context, bucket.Arn, $"S3 bucket {bucket.Name} encrypts new objects by default with {kms.SSEAlgorithm} ({kms.KMSMasterKeyID ?? "the AWS managed aws/s3 key"}).", evidence),
            _ => Pass(context, bucket.Arn, $"S3 bucket {bucket.Name} encrypts new objects by default with S3 managed keys ({rules[0].SSEAlgorithm}); a KMS key is preferred.", evidence),
        };
    }
}
